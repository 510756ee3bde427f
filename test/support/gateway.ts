// The local gateway in this test process, serving the manifest's routes from the handler modules, and a small client for it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { routes } from "#routes";
import { createGateway, type GatewayOptions } from "#local/gateway/server.ts";
import { moduleLoader } from "#local/gateway/invoke.ts";
import { needsSolution, solvedChallenge } from "./challenge.ts";

export interface TestGateway {
  readonly url: string;
  raw(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestGateway(options: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const server = createServer(
    createGateway({ routes, loadHandler: moduleLoader(process.cwd()), log: () => {}, logError: () => {}, ...options }),
  );
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Every submission carries a solved challenge unless the test sends its own X-Altcha (an empty one: none).
  const raw = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    fetch(url + path, {
      method,
      headers: needsSolution(method, path, headers) ? { ...headers, "x-altcha": await solvedChallenge(url) } : headers,
      ...(body !== undefined && { body }),
    });
  return {
    url,
    raw,
    get: (path, headers) => raw("GET", path, undefined, headers),
    post: (path, body, headers = {}) => raw("POST", path, JSON.stringify(body), { "content-type": "application/json", ...headers }),
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
