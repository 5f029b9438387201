"""LL2 JSON in, upserted rows out: `sources` reads files, `shapes` maps LL2 objects to rows,
`writer` upserts them, `run` ties them together one transaction per file."""
