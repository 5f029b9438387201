"""A faster executor for the queries LaunchGraph is built for.

graphql-core resolves a response field by field, each through Strawberry's resolver wrapper,
with an awaitable and often a task per relation per object; on a page of events with their
nested graph that is most of the time a request takes. This executor walks a validated
query's selections itself, level by level: plain fields are copied from the objects, and each
relation field is read for all objects of the level in one SQL statement (the same queries the
loaders run). It serves only queries over the LL2 graph that it fully understands; anything
else (introspection, errors, unknown shapes) goes to graphql-core, and a differential test
keeps both paths' answers equal.
"""
