"""Root query resolvers, one module per part of the graph; `query` assembles the Query type."""
