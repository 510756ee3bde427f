// The whole product on one machine: DynamoDB Local, its tables, the local secrets, cognito-local and the gateway.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import type { Server } from "node:http";
import { join, resolve } from "node:path";
import { routes } from "#routes";
import type { DemoStaff } from "../shared/staff-pool.ts";
import { startCognitoLocal, type RunningCognito } from "./auth/cognito-server.ts";
import { cognitoClient, ensureDemoStaff, ensureStaffPool, localRegion } from "./auth/pool.ts";
import { cognitoVerifier } from "./auth/verifier.ts";
import { ensureTables, localClient, startDynamoDbLocal, tableEnv, type RunningDynamoDb } from "./dynamodb.ts";
import type { VerifyToken } from "./gateway/auth.ts";
import { moduleLoader } from "./gateway/invoke.ts";
import { localNotifyEnv, outboxDir, removeOutbox, withDevOutbox } from "./outbox.ts";
import { startSweepTimer, type SweepTimer } from "./sweep.ts";
import { startStreamPoller, type StreamPoller } from "./streams.ts";
import { createGateway, listen } from "./gateway/server.ts";
import { readRuntimeInfo, removeRuntimeInfo, writeRuntimeInfo, type RuntimeInfo } from "./runtime-file.ts";
import { localSealKey } from "./seal-key.ts";

export interface RuntimeOptions {
  readonly port: number;
  readonly host: string;
  readonly dynamodbPort?: number;
  /** cognito-local's port; default: a free one. */
  readonly cognitoPort?: number;
  readonly dataDir: string;
  readonly inMemory: boolean;
  /** The project root: handler entries and web/dist are relative to it. */
  readonly root: string;
  readonly tablePrefix?: string;
  /** Replaces the verifier of cognito-local's tokens. */
  readonly verifyToken?: VerifyToken;
  /** Called when DynamoDB Local ends on its own: the runtime is of no use without it. */
  readonly onDynamoDbExit?: () => void;
}

export interface RunningRuntime {
  readonly info: RuntimeInfo;
  readonly pages: readonly string[];
  readonly webDir: string | undefined;
  /** LOCAL ONLY: the demo staff created in cognito-local, who sign in with `localDemoPassword`. */
  readonly demoStaff: readonly DemoStaff[];
  stop(): Promise<void>;
}

export async function startRuntime(opts: RuntimeOptions): Promise<RunningRuntime> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const other = readRuntimeInfo(dataDir);
  if (other) {
    throw new Error(`a local runtime (pid ${other.pid}) already uses ${dataDir} at ${other.apiUrl}; stop it or set another DATA_DIR`);
  }
  const tablePrefix = opts.tablePrefix ?? "local";
  const sealKey = localSealKey(opts.inMemory ? undefined : dataDir);
  // The audit chain's heads, anchored by the stream consumer: never rewritten, kept with the data (a
  // runtime that keeps nothing anchors in a folder of its own, removed when it stops).
  const anchorDir = opts.inMemory ? mkdtempSync(join(tmpdir(), "don-thu-anchors-")) : join(dataDir, "anchors");

  let dynamodb: RunningDynamoDb | undefined;
  let cognito: RunningCognito | undefined;
  let server: Server | undefined;
  let sweepTimer: SweepTimer | undefined;
  let streamPoller: StreamPoller | undefined;
  const outbox = outboxDir(dataDir, opts.inMemory ? process.pid : undefined);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      removeRuntimeInfo(dataDir);
      await sweepTimer?.stop();
      await streamPoller?.stop();
      if (opts.inMemory) removeOutbox(outbox);
      if (opts.inMemory) rmSync(anchorDir, { recursive: true, force: true });
      if (server) {
        const closed = new Promise((ok) => server!.close(ok));
        server.closeAllConnections();
        await closed;
      }
      await Promise.all([dynamodb?.stop(), cognito?.stop()]);
    })());

  try {
    dynamodb = await startDynamoDbLocal({
      ...(opts.dynamodbPort ? { port: opts.dynamodbPort } : {}),
      ...(opts.inMemory ? {} : { dataDir: join(dataDir, "dynamodb") }),
    });
    void dynamodb.exited.then(() => stopping ?? opts.onDynamoDbExit?.());
    await ensureTables(localClient(dynamodb.endpoint), tablePrefix);

    // The staff pool is found again by name in DATA_DIR/cognito, so its ids outlive a restart; tokens do too when
    // COGNITO_PORT keeps the port, which their issuer names.
    cognito = await startCognitoLocal({
      host: "127.0.0.1",
      ...(opts.cognitoPort ? { port: opts.cognitoPort } : {}),
      ...(opts.inMemory ? {} : { dataDir: join(dataDir, "cognito") }),
    });
    const idp = cognitoClient(cognito.endpoint);
    const pool = await ensureStaffPool(idp);
    const demoStaff = await ensureDemoStaff(idp, pool.userPoolId);
    idp.destroy();
    const staffPool = { endpoint: cognito.endpoint, ...pool };

    // The handlers run in this process and read their configuration from its environment, as on Lambda.
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    Object.assign(process.env, tableEnv(tablePrefix), {
      AWS_REGION: "local",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      DYNAMODB_ENDPOINT: dynamodb.endpoint,
      SEAL_LOCAL_KEY: sealKey,
      AUDIT_ANCHOR_DIR: anchorDir,
      // GET /staff/config tells the staff pages where to sign in: here, cognito-local.
      STAFF_POOL_ID: staffPool.userPoolId,
      STAFF_CLIENT_ID: staffPool.clientId,
      STAFF_POOL_REGION: localRegion,
      COGNITO_ENDPOINT: staffPool.endpoint,
    }, localNotifyEnv(outbox));

    const distDir = join(opts.root, "web", "dist");
    const webDir = existsSync(distDir) ? distDir : undefined;
    const loadHandler = moduleLoader(opts.root);
    const gateway = createGateway({
      routes,
      loadHandler,
      ...(webDir ? { staticDir: webDir } : {}),
      verifyToken: opts.verifyToken ?? cognitoVerifier(staffPool),
    });
    // LOCAL ONLY: the notifier's outbox at /dev/outbox, in front of the gateway (no manifest route, so never on AWS).
    const listener = withDevOutbox(gateway, outbox);
    server = await listen(listener, opts.port, opts.host);
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : opts.port;
    const info: RuntimeInfo = {
      apiUrl: `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${port}`,
      dynamodbEndpoint: dynamodb.endpoint,
      tablePrefix,
      pid: process.pid,
      cognito: { ...staffPool, region: localRegion },
    };
    writeRuntimeInfo(dataDir, info);
    // The SLA sweep, as EventBridge Scheduler runs it on AWS: shortly after start, then every 15 minutes.
    sweepTimer = startSweepTimer({ loadHandler, log: (line) => console.log(line) });
    // The stream consumers, as Lambda's event source mappings run them on AWS: DynamoDB Local's streams polled every second.
    streamPoller = startStreamPoller({ endpoint: dynamodb.endpoint, tablePrefix, loadHandler });
    const pages = webDir ? readdirSync(webDir).filter((f) => f.endsWith(".html")) : [];
    return { info, pages, webDir, demoStaff, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
