// Staff sign-in on one machine: cognito-local as the runtime starts it, its ID tokens verified as API Gateway would, and `npm run token`.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createPrivateKey } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InitiateAuthCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { generateKeyPair, importJWK, SignJWT, type JWTPayload } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { z } from "zod";
import { principalSchema } from "#domain/access.ts";
import { answer, staffErrors } from "#http/contract.ts";
import { routeHandler } from "#http/handler.ts";
import { startCognitoLocal, type RunningCognito } from "#local/auth/cognito-server.ts";
import { cognitoClient, ensureDemoStaff, ensureStaffPool, ensureStaffUser, signIn, type LocalPool } from "#local/auth/pool.ts";
import { cognitoVerifier, issuerOf } from "#local/auth/verifier.ts";
import { freePort } from "#local/dynamodb.ts";
import { jwtAuthorizer } from "#local/gateway/auth.ts";
import { createGateway } from "#local/gateway/server.ts";
import { isAlive, type RuntimeInfo } from "#local/runtime-file.ts";
import { defineRoute, type RouteDefinition } from "#routes/route.ts";
import { localDemoPassword } from "../../shared/staff-pool.ts";

const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Signs `claims` with cognito-local's own key: it ships in the package, so anyone can; the local runtime must refuse it. */
async function signAsCognitoLocal(claims: JWTPayload, expiresAt: number): Promise<string> {
  const { pem } = JSON.parse(readFileSync("node_modules/cognito-local/lib/keys/cognitoLocal.private.json", "utf8")) as { pem: string };
  const key = await importJWK(createPrivateKey(pem).export({ format: "jwk" }) as Parameters<typeof importJWK>[0], "RS256");
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "CognitoLocal" }).setIssuedAt().setExpirationTime(expiresAt).sign(key);
}

describe("cognito-local as the local runtime starts it", () => {
  let cognito: RunningCognito;
  let client: CognitoIdentityProviderClient;
  let pool: LocalPool;

  beforeAll(async () => {
    cognito = await startCognitoLocal({ dataDir: tempDir("cognito-") });
    client = cognitoClient(cognito.endpoint);
    pool = await ensureStaffPool(client);
    await ensureDemoStaff(client, pool.userPoolId);
  });
  afterAll(async () => {
    client?.destroy();
    await cognito?.stop();
  });

  it("should find the same pool and client again, and keep the demo users, instead of creating new ones", async () => {
    // Act
    const again = await ensureStaffPool(client);
    await ensureDemoStaff(client, pool.userPoolId);

    // Assess
    expect(again).toEqual(pool);
    expect(pool.userPoolId).toMatch(/^local_\w+$/);
  });

  it("should issue a handler's ID token that the verifier accepts, with its group and unit", async () => {
    // Prepare
    const verify = cognitoVerifier({ endpoint: cognito.endpoint, ...pool });

    // Act
    const { idToken } = await signIn(client, pool.clientId, "handler-an-phu", localDemoPassword);
    const claims = await verify(idToken);

    // Assess
    expect(claims).toEqual({
      sub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      "cognito:username": "handler-an-phu",
      "cognito:groups": ["handler"],
      "custom:unitId": "ubnd-huyen-an-phu",
      token_use: "id",
      aud: pool.clientId,
      iss: issuerOf({ endpoint: cognito.endpoint, ...pool }),
      auth_time: expect.any(Number),
      iat: expect.any(Number),
      exp: expect.any(Number),
      email_verified: false,
      event_id: expect.any(String),
      jti: expect.any(String),
    });
    expect((claims!.exp as number) - (claims!.iat as number)).toBe(3600);
    expect(jwtAuthorizer(claims!).jwt.claims).toMatchObject({ "cognito:groups": "[handler]", "custom:unitId": "ubnd-huyen-an-phu", token_use: "id" });
  });

  it("should move a user to the role and unit asked for, leaving no other group", async () => {
    // Act
    await ensureStaffUser(client, pool.userPoolId, { username: "moved1", role: "handler", unitId: "so-tn-mt", password: localDemoPassword });
    await ensureStaffUser(client, pool.userPoolId, { username: "moved1", role: "inspector", password: localDemoPassword });
    const { idToken } = await signIn(client, pool.clientId, "moved1", localDemoPassword);
    const claims = await cognitoVerifier({ endpoint: cognito.endpoint, ...pool })(idToken);

    // Assess
    expect(claims?.["cognito:groups"]).toEqual(["inspector"]);
    expect(claims?.["custom:unitId"] ?? "").toBe("");
  });

  it("should refuse an access token, a refresh token, a token of another key, another client or another issuer, and an expired one", async () => {
    // Prepare
    const verify = cognitoVerifier({ endpoint: cognito.endpoint, ...pool });
    const signedIn = await client.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "admin1", PASSWORD: localDemoPassword },
      }),
    );
    const { AccessToken, RefreshToken, IdToken } = signedIn.AuthenticationResult!;
    const claims = await verify(IdToken!);
    const { exp: _exp, iat: _iat, ...rest } = claims!;
    const now = Math.floor(Date.now() / 1000);
    const other = await generateKeyPair("RS256");
    const otherKey = await new SignJWT(rest).setProtectedHeader({ alg: "RS256", kid: "CognitoLocal" }).setIssuedAt().setExpirationTime(now + 600).sign(other.privateKey);
    const otherKid = await new SignJWT(rest).setProtectedHeader({ alg: "RS256", kid: "elsewhere" }).setIssuedAt().setExpirationTime(now + 600).sign(other.privateKey);

    // Act
    const answers = await Promise.all(
      [
        AccessToken!,
        RefreshToken!,
        otherKey,
        otherKid,
        await signAsCognitoLocal({ ...rest, aud: "another-client" }, now + 600),
        await signAsCognitoLocal({ ...rest, iss: "http://127.0.0.1:1/local_other" }, now + 600),
        await signAsCognitoLocal(rest, now - 1),
        "not.a.token",
      ].map(verify),
    );

    // Assess
    expect(claims).toMatchObject({ "cognito:username": "admin1" });
    expect(answers).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it("should refuse a token signed with the key cognito-local publishes in its package, claims and all correct", async () => {
    // Prepare
    const verify = cognitoVerifier({ endpoint: cognito.endpoint, ...pool });
    const { idToken } = await signIn(client, pool.clientId, "admin1", localDemoPassword);
    const { exp: _exp, iat: _iat, ...claims } = (await verify(idToken))!;

    // Act
    const forged = await verify(await signAsCognitoLocal(claims, Math.floor(Date.now() / 1000) + 600));
    const jwks = (await (await fetch(`${issuerOf({ endpoint: cognito.endpoint, ...pool })}/.well-known/jwks.json`)).json()) as { keys: { kid: string; n: string }[] };

    // Assess
    const published = JSON.parse(readFileSync("node_modules/cognito-local/lib/keys/cognitoLocal.public.json", "utf8")) as { jwk: { n: string } };
    expect(forged).toBeUndefined();
    expect(jwks.keys).toEqual([expect.objectContaining({ kid: cognito.publicJwk.kid, n: cognito.publicJwk.n })]);
    expect(jwks.keys[0]!.n).not.toBe(published.jwk.n);
  });

  it("should sign with a key of its data directory (kept, mode 0600) and with a fresh one when it keeps nothing", async () => {
    // Prepare
    const dataDir = tempDir("cognito-key-");

    // Act
    const first = await startCognitoLocal({ dataDir });
    await first.stop();
    const again = await startCognitoLocal({ dataDir });
    await again.stop();
    const [fresh, other] = [await startCognitoLocal(), await startCognitoLocal()];
    await Promise.all([fresh.stop(), other.stop()]);

    // Assess
    expect(again.publicJwk).toEqual(first.publicJwk);
    expect(statSync(join(dataDir, "signing-key.pem")).mode & 0o777).toBe(0o600);
    expect(new Set([first.publicJwk.n, fresh.publicJwk.n, other.publicJwk.n]).size).toBe(3);
  });

  it("should keep the pool, the client and the users across a restart on the same data", async () => {
    // Prepare
    const dataDir = tempDir("cognito-restart-");
    const first = await startCognitoLocal({ dataDir });
    const firstClient = cognitoClient(first.endpoint);
    const created = await ensureStaffPool(firstClient);
    await ensureDemoStaff(firstClient, created.userPoolId);
    firstClient.destroy();
    await first.stop();

    // Act
    const second = await startCognitoLocal({ dataDir });
    const secondClient = cognitoClient(second.endpoint);
    const found = await ensureStaffPool(secondClient);
    const { idToken } = await signIn(secondClient, found.clientId, "reception1", localDemoPassword);
    secondClient.destroy();
    await second.stop();

    // Assess
    expect(found).toEqual(created);
    expect(idToken.split(".")).toHaveLength(3);
  });

  it("should remove its temporary data directory on stop when given none", async () => {
    // Prepare
    const before = new Set(readdirTmp());
    const inMemory = await startCognitoLocal();
    const made = readdirTmp().filter((d) => !before.has(d));

    // Act
    await inMemory.stop();

    // Assess
    expect(made).toHaveLength(1);
    expect(existsSync(join(tmpdir(), made[0]!))).toBe(false);
    expect((await fetch(`${inMemory.endpoint}/health`).catch(() => undefined))?.status).toBeUndefined();
  });
});

const readdirTmp = () => readdirSync(tmpdir()).filter((d) => d.startsWith("cognito-local-"));

describe("npm run token against a running local runtime", () => {
  const dataDir = tempDir("local-auth-runtime-");
  let runtime: ChildProcess | undefined;
  let info: RuntimeInfo;
  let gateway: Server | undefined;
  let gatewayUrl: string;
  let output = "";

  /** A staff route that exists only here, for the real ones do not yet; its handler answers with who called. */
  const WhoAmI = defineRoute({
    name: "WhoAmI",
    method: "GET",
    path: "/staff/whoami",
    entry: "whoami",
    auth: ["handler", "inspector", "admin"],
    tables: {},
    summary: "Who calls",
    tags: ["test"],
    responses: { 200: answer("The caller", z.object({ principal: principalSchema })), ...staffErrors },
  });
  const manifest: RouteDefinition[] = [WhoAmI];
  const whoAmI = routeHandler(WhoAmI, async ({ principal }) => ({ status: 200, body: { principal } }));
  /** The answer, with the claims the gateway handed the handler beside who it found; a refusal as it is. */
  const whoAmIWithClaims = async (event: APIGatewayProxyEventV2, context: Context) => {
    const result = await whoAmI(event, context);
    if (result.statusCode !== 200) return result;
    const claims = (event.requestContext as { authorizer?: { jwt?: unknown } }).authorizer?.jwt;
    return { ...result, body: JSON.stringify({ ...JSON.parse(result.body ?? "{}"), claims }) };
  };
  // Bounds that only name a runtime that never starts or a token that never comes: on a loaded runner a JVM
  // and cognito-local take over a minute to start, and each `npm run token` (npm, then tsx) a dozen seconds.
  const startWithinMs = 180_000;
  const withTokens = 120_000;
  /** `npm run token` as a child the test awaits: a synchronous spawn would block the worker (and its RPC) meanwhile. */
  const npmToken = (args: string[], dir: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((ok) => {
      execFile("npm", ["run", "-s", "token", "--", ...args], { env: { ...process.env, DATA_DIR: dir }, encoding: "utf8" }, (err, stdout, stderr) =>
        ok({ status: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout, stderr }),
      );
    });
  const token = (...args: string[]) => npmToken(args, dataDir);

  beforeAll(async () => {
    // Node with tsx's loader, not tsx's CLI: the CLI runs the runtime in a second process, which a SIGKILL
    // of the CLI (the clean-up when the start times out) would leave running.
    runtime = spawn(process.execPath, ["--import", "tsx", "local/start.ts", "--in-memory"], {
      env: { ...process.env, PORT: String(await freePort()), DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    runtime.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    runtime.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const file = join(dataDir, "runtime.json");
    const deadline = Date.now() + startWithinMs;
    while (!existsSync(file) || !output.includes("Ctrl-C stops everything")) {
      if (runtime.exitCode !== null || Date.now() > deadline) throw new Error(`the runtime did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    info = JSON.parse(readFileSync(file, "utf8")) as RuntimeInfo;
    gateway = createServer(
      createGateway({
        routes: manifest,
        loadHandler: async () => whoAmIWithClaims,
        verifyToken: cognitoVerifier(info.cognito!),
        log: () => {},
        logError: () => {},
      }),
    );
    await new Promise<void>((ok) => gateway!.listen(0, "127.0.0.1", ok));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  }, startWithinMs + 60_000);
  afterAll(async () => {
    await new Promise((ok) => (gateway ? gateway.close(ok) : ok(undefined)));
    if (runtime && runtime.exitCode === null) runtime.kill("SIGKILL");
  });

  it("should describe cognito-local in runtime.json and name the demo staff and their password on stdout", () => {
    expect(info.cognito).toEqual({
      endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      userPoolId: expect.stringMatching(/^local_\w+$/),
      clientId: expect.stringMatching(/^\w+$/),
      region: "local",
    });
    expect(output).toContain(`Cognito   ${info.cognito!.endpoint}  (pool ${info.cognito!.userPoolId}, client ${info.cognito!.clientId}, region local)`);
    for (const name of ["reception1", "handler-so-tn-mt", "handler-an-phu", "handler-vinh-hau", "inspector1", "admin1", localDemoPassword]) {
      expect(output).toContain(name);
    }
  });

  it("should print only an ID token, which the gateway accepts and turns into the handler's claims and principal", async () => {
    // Act
    const printed = await token("--role", "handler", "--unit", "ubnd-xa-vinh-hau");
    const response = await fetch(`${gatewayUrl}/staff/whoami`, { headers: { authorization: `Bearer ${printed.stdout.trim()}` } });

    // Assess
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { principal: unknown; claims: { claims: Record<string, string>; scopes: null } };
    expect(body.principal).toEqual({ userId: expect.any(String), username: "handler-vinh-hau", role: "handler", unitId: "ubnd-xa-vinh-hau" });
    expect(body.claims.scopes).toBeNull();
    expect(body.claims.claims).toEqual({
      sub: body.claims.claims.sub,
      "cognito:username": "handler-vinh-hau",
      "cognito:groups": "[handler]",
      "custom:unitId": "ubnd-xa-vinh-hau",
      token_use: "id",
      aud: info.cognito!.clientId,
      iss: `${info.cognito!.endpoint}/${info.cognito!.userPoolId}`,
      auth_time: expect.stringMatching(/^\d+$/),
      iat: expect.stringMatching(/^\d+$/),
      exp: expect.stringMatching(/^\d+$/),
      email_verified: "false",
      event_id: expect.any(String),
      jti: expect.any(String),
    });
  }, withTokens);

  it("should make a user of a new unit, and answer 403 to a role the route does not allow", async () => {
    // Act
    const handler = await token("--role", "handler", "--unit", "ubnd-xa-phu-huu");
    const reception = await token("--role", "reception");
    const asHandler = await fetch(`${gatewayUrl}/staff/whoami`, { headers: { authorization: `Bearer ${handler.stdout.trim()}` } });
    const asReception = await fetch(`${gatewayUrl}/staff/whoami`, { headers: { authorization: `Bearer ${reception.stdout.trim()}` } });

    // Assess
    expect(((await asHandler.json()) as { principal: unknown }).principal).toMatchObject({ username: "handler-ubnd-xa-phu-huu", unitId: "ubnd-xa-phu-huu" });
    expect({ status: asReception.status, body: await asReception.json() }).toEqual({
      status: 403,
      body: { type: "https://don-thu.example/problems/forbidden", title: "Forbidden", status: 403, code: "forbidden", detail: "Your role may not do this." },
    });
  }, withTokens);

  it("should refuse at the runtime's own gateway (401) a token signed with cognito-local's published key, and take its own", async () => {
    // Prepare
    const own = (await token("--role", "admin")).stdout.trim();
    const { exp: _exp, iat: _iat, ...claims } = JSON.parse(Buffer.from(own.split(".")[1]!, "base64url").toString()) as JWTPayload;
    const forged = await signAsCognitoLocal(claims, Math.floor(Date.now() / 1000) + 600);

    // Act
    const withForged = await fetch(`${info.apiUrl}/staff/cases`, { headers: { authorization: `Bearer ${forged}` } });
    const withOwn = await fetch(`${info.apiUrl}/staff/cases`, { headers: { authorization: `Bearer ${own}` } });

    // Assess
    expect([withForged.status, withOwn.status]).toEqual([401, 200]);
  }, withTokens);

  it("should show the outbox page only to an admin's token: 401 without one, 403 to other staff", async () => {
    // Prepare
    const admin = (await token("--role", "admin")).stdout.trim();
    const reception = (await token("--role", "reception")).stdout.trim();
    const outbox = (authorization?: string) => fetch(`${info.apiUrl}/dev/outbox`, { headers: authorization ? { authorization } : {} });

    // Act
    const [none, asReception, asAdmin] = await Promise.all([outbox(), outbox(`Bearer ${reception}`), outbox(`Bearer ${admin}`)]);

    // Assess
    expect([none.status, asReception.status, asAdmin.status]).toEqual([401, 403, 200]);
    expect(await asAdmin.text()).toContain("Outbox (local runtime only)");
    expect(asAdmin.headers.get("content-security-policy")).toContain("script-src 'self'");
  }, withTokens);

  it("should answer 401 without a token or with a garbled one, before the handler runs", async () => {
    const none = await fetch(`${gatewayUrl}/staff/whoami`);
    const garbled = await fetch(`${gatewayUrl}/staff/whoami`, { headers: { authorization: "Bearer abc.def.ghi" } });
    expect([none.status, none.headers.get("www-authenticate")]).toEqual([401, "Bearer"]);
    expect([garbled.status, garbled.headers.get("www-authenticate")]).toEqual([401, 'Bearer error="invalid_token"']);
  });

  it("should say so, on stderr and with exit 1, for a handler without a unit or when no runtime uses the DATA_DIR", async () => {
    const noUnit = await token("--role", "handler");
    const noRuntime = await npmToken(["--role", "admin"], tempDir("no-runtime-"));
    expect([noUnit.status, noUnit.stdout]).toEqual([1, ""]);
    expect(noUnit.stderr).toContain("a handler belongs to one unit: give --unit UNIT_ID");
    expect([noRuntime.status, noRuntime.stdout]).toEqual([1, ""]);
    expect(noRuntime.stderr).toContain("no local runtime is running with DATA_DIR");
  }, withTokens);

  it("should stop on SIGTERM with cognito-local, leaving no process and no runtime.json", async () => {
    // Act
    const exited = new Promise<number | null>((ok) => runtime!.once("exit", (code) => ok(code)));
    runtime!.kill("SIGTERM");

    // Assess
    expect(await exited).toBe(0);
    expect(isAlive(info.pid)).toBe(false);
    expect(existsSync(join(dataDir, "runtime.json"))).toBe(false);
    expect((await fetch(`${info.cognito!.endpoint}/health`).catch(() => undefined))?.status).toBeUndefined();
  });
});
