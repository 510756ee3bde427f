// cognito-local (npm), in this process: the local runtime's Cognito, serving the Cognito Identity Provider API and the pool's JWKS.
//
// cognito-local's own `createDefaultServer` reads `./.cognito` under the working directory and loads the AWS SDK v2
// for Lambda triggers; this builds the same services from its modules with a data directory of ours and no triggers.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateClock, MessagesService, TriggersService, type Lambda } from "cognito-local/lib/services/index.js";
import { CognitoServiceFactoryImpl } from "cognito-local/lib/services/cognitoService.js";
import type { CryptoService } from "cognito-local/lib/services/crypto.js";
import { StormDBDataStoreFactory } from "cognito-local/lib/services/dataStore/stormDb.js";
import { ConsoleMessageSender } from "cognito-local/lib/services/messageDelivery/consoleMessageSender.js";
import { MessageDeliveryService } from "cognito-local/lib/services/messageDelivery/messageDelivery.js";
import { otp } from "cognito-local/lib/services/otp.js";
import { JwtTokenGenerator } from "cognito-local/lib/services/tokenGenerator.js";
import { UserPoolServiceFactoryImpl } from "cognito-local/lib/services/userPoolService.js";
import type { Config } from "cognito-local/lib/server/config.js";
import { Router } from "cognito-local/lib/server/Router.js";
import { createServer } from "cognito-local/lib/server/server.js";

export interface RunningCognito {
  /** e.g. `http://127.0.0.1:9229`, no trailing slash: the SDK's endpoint, and the issuer is `<endpoint>/<userPoolId>`. */
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

type Logger = Parameters<typeof createServer>[1];

/** cognito-local's own pino, silenced: its request log is noise beside the gateway's. */
function silentLogger(): Logger {
  const requireFromCognito = createRequire(createRequire(import.meta.url).resolve("cognito-local/package.json"));
  const pino = requireFromCognito("pino") as (options: { level: string }) => Logger;
  return pino({ level: process.env.COGNITO_LOCAL_LOG ?? "silent" });
}

const noTriggers: Lambda = {
  enabled: () => false,
  invoke: (): Promise<never> => Promise.reject(new Error("no Lambda triggers in the local runtime")),
};
// Only the CustomEmailSender trigger encrypts; with no triggers nothing ever calls it.
const noCrypto = {
  encrypt: () => Promise.reject(new Error("no KMS in the local runtime")),
} as unknown as CryptoService;

/**
 * Starts cognito-local on `host:port` (port 0: a free one). With `dataDir` its pools, clients and users are kept
 * there across restarts; without it they live in a temporary directory removed on `stop()`.
 */
export async function startCognitoLocal(opts: { host?: string; port?: number; dataDir?: string } = {}): Promise<RunningCognito> {
  const host = opts.host ?? "127.0.0.1";
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "cognito-local-"));
  const removeDataDir = () => {
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const logger = silentLogger();
  const ctx = { logger };
  const config: Config = {
    LambdaClient: {},
    TriggerFunctions: {},
    // Sign-in by user name (cognito-local's default is by e-mail), as the stack's pool.
    UserPoolDefaults: {},
    ServerConfig: { hostname: host, port: opts.port ?? 0, https: false, development: false },
    // Set once the port is known: tokens are issued at generation time, after `listen`.
    TokenConfig: { IssuerDomain: "" },
  };
  const clock = new DateClock();
  const dataStoreFactory = new StormDBDataStoreFactory(dataDir);
  const cognito = await new CognitoServiceFactoryImpl(
    dataDir,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  ).create(ctx, config.UserPoolDefaults);
  const triggers = new TriggersService(clock, cognito, noTriggers, noCrypto);
  const services = {
    clock,
    cognito,
    config,
    messages: new MessagesService(triggers, new MessageDeliveryService(new ConsoleMessageSender())),
    otp,
    tokenGenerator: new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  let server: Server;
  try {
    server = (await createServer(Router(services), logger, config.ServerConfig, services).start()) as Server;
  } catch (err) {
    removeDataDir();
    throw err;
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const endpoint = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  config.TokenConfig.IssuerDomain = endpoint;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }).then(removeDataDir));
  return { endpoint, port, stop };
}
