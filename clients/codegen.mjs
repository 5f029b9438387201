// graphql-codegen: TypeScript types from the live server's introspection and the documents in
// ../examples/, written to generated/graphql.ts (then checked by `tsc --noEmit --strict`).
// Usage: node codegen.mjs http://127.0.0.1:PORT/graphql
import { generate } from "@graphql-codegen/cli";

const url = process.argv[2] ?? "http://127.0.0.1:8000/graphql";

await generate(
  {
    schema: url,
    documents: "../examples/*.graphql",
    generates: {
      "generated/graphql.ts": {
        plugins: ["typescript", "typescript-operations"],
        config: {
          // Every scalar must be mapped: a new custom scalar fails the run.
          strictScalars: true,
          scalars: { Date: "string", DateTime: "string" },
          avoidOptionals: false,
          enumsAsTypes: true,
        },
      },
    },
    silent: true,
  },
  true,
);
console.log("codegen: generated/graphql.ts from the live schema and ../examples/");
