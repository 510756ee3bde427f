// Matches a request against the route manifest the way API Gateway HTTP API does: `{param}` and greedy `{proxy+}`.
import Router from "find-my-way";
import type { HttpMethod, RouteDefinition } from "#routes";

export interface RouteMatch {
  readonly route: RouteDefinition;
  /** `METHOD /path/{param}`, as API Gateway names the route. */
  readonly routeKey: string;
  /** URL-decoded, as API Gateway hands them over. */
  readonly pathParameters: Record<string, string>;
}

export interface RouteTable {
  match(method: string, rawPath: string): RouteMatch | undefined;
  /** Methods some route accepts on this path: for `OPTIONS` and `HEAD`. */
  methodsFor(rawPath: string): HttpMethod[];
}

interface Stored {
  readonly route: RouteDefinition;
  readonly greedy: string | undefined;
}

/** `/cases/{caseId}/{proxy+}` → `/cases/:caseId/*`. */
export function toRouterPath(path: string): string {
  return path.replace(/\{[^}/]+\+\}/g, "*").replace(/\{([^}/]+)\}/g, ":$1");
}

const methods: readonly HttpMethod[] = ["GET", "POST", "PUT", "DELETE"];

export function createRouteTable(routes: readonly RouteDefinition[]): RouteTable {
  // Percent-encoded Vietnamese grows nine bytes a letter; the default limit of 100 would cut a subject short.
  const router = Router({ caseSensitive: true, ignoreTrailingSlash: false, maxParamLength: 2048 });
  for (const route of routes) {
    const greedy = /\{([^}/]+)\+\}/.exec(route.path)?.[1];
    const store: Stored = { route, greedy };
    router.on(route.method, toRouterPath(route.path), () => undefined, store);
  }
  const match = (method: string, rawPath: string): RouteMatch | undefined => {
    if (!methods.includes(method as HttpMethod)) return undefined;
    const found = router.find(method as HttpMethod, rawPath);
    if (!found) return undefined;
    const { route, greedy } = found.store as Stored;
    const pathParameters: Record<string, string> = {};
    for (const [name, value] of Object.entries(found.params)) {
      if (value === undefined) continue;
      pathParameters[name === "*" && greedy ? greedy : name] = value;
    }
    return { route, routeKey: `${route.method} ${route.path}`, pathParameters };
  };
  return {
    match,
    methodsFor: (rawPath) => methods.filter((m) => match(m, rawPath) !== undefined),
  };
}
