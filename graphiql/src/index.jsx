// LaunchGraph's GraphiQL page. The HTML (launchgraph/graphiql.py) carries no script or style of
// its own, so it works under `Content-Security-Policy: default-src 'self'`: this bundle reads
// the first tab's query from the root element's data attributes.
import { explorerPlugin } from "@graphiql/plugin-explorer";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";

import "graphiql/style.css";
import "@graphiql/plugin-explorer/style.css";
import "./launchgraph.css";

const root = document.getElementById("graphiql");
const { query, title } = root.dataset;
// The API answers at the address the page was served from (GET /graphql from a browser).
const fetcher = createGraphiQLFetcher({ url: window.location.pathname });
const plugins = [explorerPlugin()];

createRoot(root).render(
  <GraphiQL
    fetcher={fetcher}
    plugins={plugins}
    defaultQuery={query}
    defaultTabs={[{ query }]}
    defaultEditorToolsVisibility={false}
  >
    <GraphiQL.Logo>{title}</GraphiQL.Logo>
  </GraphiQL>,
);
