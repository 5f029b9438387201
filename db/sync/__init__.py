"""`launchgraph sync`: keep a store in step with an LL2 API, page by page.

`budget` keeps requests within LL2's hourly allowance, `client` fetches JSON with retries,
`pages` checks a list page and says where the next request starts, `state` remembers how far
each endpoint was read, and `run` ties them together: one transaction per page. Nothing here
knows of GraphQL.
"""
