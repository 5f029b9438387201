// PostGraphile 5's own CLI (postgraphile/dist/cli-run.js) in ANCHOR5_WORKERS processes sharing
// one port through node:cluster, so that bench/run.sh can measure it at two processes as it does
// PostGraphile 4 (`--cluster-workers`). The kit's run_postgraphile5.sh starts one process only.
//
//   PG5_CLI=.../node_modules/postgraphile/dist/cli-run.js ANCHOR5_WORKERS=2 node pg5_cluster.cjs -C graphile.config.mjs
//
// Each worker runs the CLI with the same arguments (cluster.fork reruns this file); with one
// worker the CLI runs in this process, exactly as the kit runs it.
"use strict";
const cluster = require("node:cluster");

const workers = Number(process.env.ANCHOR5_WORKERS || 1);
if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  // A worker that dies leaves a server measured at fewer processes than it says: stop all.
  cluster.on("exit", (worker, code) => {
    console.error(`PostGraphile 5 worker ${worker.process.pid} exited (${code}); stopping`);
    process.exit(1);
  });
} else {
  require(process.env.PG5_CLI);
}
