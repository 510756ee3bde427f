// Which request paths CloudFront sends to the HTTP API instead of the pages bucket, derived from the
// route manifest so that a new route is reachable on the site without touching the distribution.
import type { RouteDefinition } from "#routes";

/**
 * One CloudFront path pattern per first path segment: `/health` for a route that is the segment
 * itself, `/cases/*` for routes below it (both when both exist).
 */
export function apiPathPatterns(routes: readonly RouteDefinition[]): string[] {
  const patterns = new Set<string>();
  for (const route of routes) {
    const [first, ...rest] = route.path.split("/").filter(Boolean);
    if (!first || /[{}*]/.test(first)) {
      throw new Error(`Route ${route.name} (${route.path}): the first path segment must be a literal to route it on CloudFront`);
    }
    patterns.add(rest.length === 0 ? `/${first}` : `/${first}/*`);
  }
  return [...patterns].sort();
}
