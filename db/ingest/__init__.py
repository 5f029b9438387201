"""LL2 JSON in, upserted rows out.

`sources` streams objects out of files; `shapes` says how each LL2 object maps to tables and
`plans` compiles that for speed; `batch` flattens objects into rows merged by key, with
`memo` skipping shared objects a file already wrote unchanged; `writer` turns rows into bulk
ops and `sinks` hands them to the driver; `run` ties them together, one transaction per file,
the database applying one batch while Python flattens the next.
"""
