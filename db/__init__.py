"""LaunchGraph's data layer: SQLModel tables, engines, migrations and LL2 ingest.

Knows nothing of GraphQL: the `gql` package reads through `db.queries`.
"""
