// Apollo Client pages through `events` and `upcomingEvents` with relayStylePagination (the
// cache merges each page into one list), and every object must come exactly once, as many
// as totalCount says. Usage: node apollo.mjs http://127.0.0.1:PORT/graphql
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";

const url = process.argv[2] ?? "http://127.0.0.1:8000/graphql";
const PAGE = 7;

const client = new ApolloClient({
  link: new HttpLink({ uri: url }),
  cache: new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          events: relayStylePagination(["filter", "orderBy"]),
          upcomingEvents: relayStylePagination(["filter"]),
        },
      },
    },
  }),
});

const connection = (field) => gql`
  query Page($first: Int!, $after: String) {
    ${field}(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id name date } }
    }
  }
`;

async function pageThrough(field) {
  const query = connection(field);
  const watched = client.watchQuery({ query, variables: { first: PAGE } });
  const subscription = watched.subscribe({});
  try {
    let { data } = await client.query({ query, variables: { first: PAGE } });
    let pages = 1;
    while (data[field].pageInfo.hasNextPage) {
      await watched.fetchMore({ variables: { after: data[field].pageInfo.endCursor } });
      // The cache now holds every page so far, merged by relayStylePagination.
      data = client.readQuery({ query, variables: { first: PAGE } });
      pages += 1;
      if (pages > 1000) throw new Error(`${field}: the pages never end`);
    }
    const ids = data[field].edges.map((e) => e.node.id);
    const unique = new Set(ids);
    if (unique.size !== ids.length) throw new Error(`${field}: an object came twice`);
    if (ids.length !== data[field].totalCount) {
      throw new Error(`${field}: ${ids.length} objects, totalCount ${data[field].totalCount}`);
    }
    console.log(`apollo: ${field}: ${ids.length} objects in ${pages} pages of ${PAGE}, each once`);
  } finally {
    subscription.unsubscribe();
  }
}

try {
  await pageThrough("events");
  await pageThrough("upcomingEvents");
} catch (error) {
  console.error(`apollo: ${error.message}`);
  process.exitCode = 1;
} finally {
  client.stop();
}
