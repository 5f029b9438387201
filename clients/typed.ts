// The generated types in use, as a frontend would use them: `tsc --noEmit --strict` checks
// that the example operations' result types have the fields a page reads.
import type {
  AgencyWithLaunchesQuery,
  EventDetailQuery,
  LaunchDetailQuery,
  RefetchQuery,
  SearchQuery,
  SearchQueryVariables,
  UpcomingEventsQuery,
  UpcomingEventsQueryVariables,
} from "./generated/graphql";

export function cardTitles(data: UpcomingEventsQuery): string[] {
  return data.upcomingEvents.nodes.map(
    (event) => `${event.name} (${event.type?.name ?? "event"}, ${event.date ?? "date unknown"})`,
  );
}

export function nextPage(data: UpcomingEventsQuery): UpcomingEventsQueryVariables | null {
  const { hasNextPage, endCursor } = data.upcomingEvents.pageInfo;
  return hasNextPage && endCursor ? { first: 10, after: endCursor } : null;
}

export function eventLaunches(data: EventDetailQuery): string[] {
  return (data.event?.launches ?? []).map((launch) => launch.rocket?.configuration?.fullName ?? launch.name);
}

export function padPlace(data: LaunchDetailQuery): string | null {
  const pad = data.launch?.pad;
  return pad ? `${pad.name}, ${pad.location?.name ?? "?"}` : null;
}

export function providerLaunchCount(data: AgencyWithLaunchesQuery): number {
  return data.agency?.launches.totalCount ?? 0;
}

export function search(text: string): SearchQueryVariables {
  return { text, first: 5 };
}

export function hits(data: SearchQuery): number {
  return data.events.totalCount + data.launches.totalCount + data.agencies.totalCount;
}

// ll2Id is read as an opaque identifier (its GraphQL type may be Int or ID).
export function refetched(data: RefetchQuery): string[] {
  return data.nodes.flatMap((node) => {
    if (!node) return [];
    switch (node.__typename) {
      case "Event":
        return [`event ${String(node.ll2Id)}: ${node.name}`];
      case "Launch":
        return [`launch ${node.slug ?? node.id}: ${node.name}`];
      case "Agency":
        return [`agency ${String(node.ll2Id)}: ${node.name}`];
      default:
        return [`${node.__typename} ${node.id}`];
    }
  });
}
