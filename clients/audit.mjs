// graphql-http's audits of a GraphQL-over-HTTP server (MUST, SHOULD and MAY), all of which
// must say "ok". Usage: node audit.mjs http://127.0.0.1:PORT/graphql
import { auditServer } from "graphql-http";

const url = process.argv[2] ?? "http://127.0.0.1:8000/graphql";
const results = await auditServer({ url });
const notOk = results.filter((r) => r.status !== "ok");
for (const r of notOk) {
  const detail = r.reason ?? "";
  console.error(`audit: ${r.status} ${r.id} ${r.name}${detail ? `: ${detail}` : ""}`);
}
console.log(`audit: ${results.length - notOk.length} of ${results.length} graphql-http audits ok`);
if (notOk.length) process.exitCode = 1;
