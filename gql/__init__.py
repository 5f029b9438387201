"""LaunchGraph's GraphQL layer: Strawberry types, root resolvers and per-request loaders."""
