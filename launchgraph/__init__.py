"""LaunchGraph: a GraphQL API over the Launch Library 2 space-event graph."""
