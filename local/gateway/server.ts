// The local API Gateway: routes from the manifest to the same handler modules, the pages from web/dist otherwise.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { RouteDefinition } from "#routes";
import { bearerToken, jwtAuthorizer, rejectEveryToken, type VerifyToken } from "./auth.ts";
import { fakeContext } from "./context.ts";
import { invoke, type LoadHandler } from "./invoke.ts";
import { formatRequest, newRequestId, splitUrl } from "./request.ts";
import { gatewayError, internalServerError, validateResponse, type GatewayResponse } from "./response.ts";
import { createRouteTable } from "./router.ts";
import { staticFiles } from "./static.ts";
import { apiHeaders, pageHeaders } from "#http/security-headers.ts";

export interface GatewayOptions {
  readonly routes: readonly RouteDefinition[];
  readonly loadHandler: LoadHandler;
  /** web/dist; without it only the API is served. */
  readonly staticDir?: string;
  /** The pages' security headers (shared/http/security-headers.ts); by default with no sign-in endpoint beyond this origin. */
  readonly pageHeaders?: Readonly<Record<string, string>>;
  readonly verifyToken?: VerifyToken;
  /** API Gateway's integration timeout. */
  readonly timeoutMs?: number;
  /** API Gateway HTTP API's payload limit. */
  readonly maxRequestBytes?: number;
  readonly log?: (line: string) => void;
  readonly logError?: (line: string, error?: unknown) => void;
  /** LOCAL ONLY: the answer of every route while a dependency the runtime supervises is down (a 503), else undefined. */
  readonly unavailable?: () => GatewayResponse | undefined;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export function createGateway(options: GatewayOptions): Listener {
  const routes = createRouteTable(options.routes);
  const files = options.staticDir ? staticFiles(options.staticDir) : undefined;
  const securityHeaders = options.pageHeaders ?? pageHeaders();
  const verifyToken = options.verifyToken ?? rejectEveryToken;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRequestBytes = options.maxRequestBytes ?? 10 * 1024 * 1024;
  const log = options.log ?? ((line) => console.log(line));
  const logError = options.logError ?? ((line, error) => console.error(line, ...(error === undefined ? [] : [error])));

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<string> {
    const method = req.method ?? "GET";
    const { rawPath } = splitUrl(req.url ?? "/");
    if (Number(req.headers["content-length"] ?? 0) > maxRequestBytes) {
      return reply(req, res, requestId, gatewayError(413, "Request Entity Too Large", { connection: "close" }));
    }
    // HEAD is answered by the GET route, without a body (Node drops it).
    const match = routes.match(method === "HEAD" ? "GET" : method, rawPath);
    if (!match) {
      const allowed = routes.methodsFor(rawPath);
      if (method === "OPTIONS" && allowed.length) {
        res.writeHead(204, { ...apiHeaders, allow: [...allowed, "OPTIONS"].join(", "), "apigw-requestid": requestId }).end();
        return "options";
      }
      const file = (method === "GET" || method === "HEAD") && files ? await files.find(rawPath) : undefined;
      if (file) {
        files!.send(req, res, file, { ...securityHeaders, "apigw-requestid": requestId });
        return "static";
      }
      return reply(req, res, requestId, gatewayError(404, "Not Found"));
    }
    const outage = options.unavailable?.();
    if (outage) {
      req.resume();
      return reply(req, res, requestId, outage, match.route.name);
    }
    const body = await readBody(req, maxRequestBytes);
    if (!body) return reply(req, res, requestId, gatewayError(413, "Request Entity Too Large", { connection: "close" }));

    let authorizer;
    if (match.route.auth !== "public") {
      const token = bearerToken(req.headers.authorization);
      const claims = token ? await verifyToken(token) : undefined;
      if (!claims) {
        const challenge = token ? 'Bearer error="invalid_token"' : "Bearer";
        return reply(req, res, requestId, gatewayError(401, "Unauthorized", { "www-authenticate": challenge }));
      }
      authorizer = jwtAuthorizer(claims);
    }

    const event = formatRequest(
      {
        method,
        url: req.url ?? "/",
        rawHeaders: req.rawHeaders,
        body,
        sourceIp: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
        protocol: `HTTP/${req.httpVersion}`,
      },
      match,
      { requestId, now: new Date(), ...(authorizer ? { authorizer } : {}), localPort: req.socket.localPort },
    );
    const name = match.route.name;
    let handler;
    try {
      handler = await options.loadHandler(match.route.entry);
    } catch (error) {
      logError(`[${requestId}] ${name}: cannot load ${match.route.entry}`, error);
      return reply(req, res, requestId, internalServerError(), name);
    }
    const outcome = await invoke(handler, event, fakeContext(name, timeoutMs), timeoutMs);
    if (outcome.kind === "timedOut") {
      logError(`[${requestId}] ${name}: no answer within the ${timeoutMs} ms integration timeout`);
      return reply(req, res, requestId, gatewayError(503, "Service Unavailable"), name);
    }
    if (outcome.kind === "threw") {
      logError(`[${requestId}] ${name} threw`, outcome.error);
      return reply(req, res, requestId, internalServerError(), name);
    }
    const validated = validateResponse(outcome.value);
    if (!validated.ok) {
      logError(`[${requestId}] ${name} returned an invalid response: ${validated.problem}`);
      return reply(req, res, requestId, internalServerError(), name);
    }
    return reply(req, res, requestId, validated.response, name);
  }

  return (req, res) => {
    const started = Date.now();
    const requestId = newRequestId();
    handle(req, res, requestId).then(
      (what) => log(`${req.method} ${req.url} → ${res.statusCode} ${what} ${Date.now() - started} ms`),
      (error: unknown) => {
        logError(`[${requestId}] gateway failure on ${req.method} ${req.url}`, error);
        if (!res.headersSent) reply(req, res, requestId, internalServerError());
        else res.destroy();
      },
    );
  };
}

function reply(req: IncomingMessage, res: ServerResponse, requestId: string, response: GatewayResponse, what = "gateway"): string {
  const headers: Record<string, string | string[]> = {
    ...response.headers,
    "apigw-requestid": requestId,
    "content-length": String(response.body.length),
  };
  const cookies = [...response.cookies, ...(response.headers["set-cookie"] ? [response.headers["set-cookie"]] : [])];
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.statusCode, headers);
  res.end(req.method === "HEAD" ? undefined : response.body);
  if (response.headers.connection === "close") req.resume();
  return what;
}

/** The whole body, or `undefined` once it exceeds the limit (the rest is drained so that the 413 still reaches the client). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once("end", () => ok(size > limit ? undefined : Buffer.concat(chunks)));
    req.once("error", fail);
  });
}

export function listen(listener: Listener, port: number, host: string): Promise<Server> {
  return new Promise((ok, fail) => {
    const server = createServer(listener);
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      ok(server);
    });
  });
}
