// cognito-local (npm), in this process: the local runtime's Cognito, serving the Cognito Identity Provider API and the pool's JWKS.
//
// cognito-local's own `createDefaultServer` reads `./.cognito` under the working directory and loads the AWS SDK v2
// for Lambda triggers; this builds the same services from its modules with a data directory of ours and no triggers.
import { mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
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
import { JwtTokenGenerator, type TokenGenerator } from "cognito-local/lib/services/tokenGenerator.js";
import { UserPoolServiceFactoryImpl } from "cognito-local/lib/services/userPoolService.js";
import type { Config } from "cognito-local/lib/server/config.js";
import { Router } from "cognito-local/lib/server/Router.js";
import { createServer } from "cognito-local/lib/server/server.js";
import type { JWK } from "jose";
import { localSigningKey, type SigningKey } from "./signing-key.ts";

export interface RunningCognito {
  /** e.g. `http://127.0.0.1:9229`, no trailing slash: the SDK's endpoint, and the issuer is `<endpoint>/<userPoolId>`. */
  readonly endpoint: string;
  readonly port: number;
  /** The public key its tokens are signed with (its own, per data directory; never the one cognito-local ships). */
  readonly publicJwk: JWK;
  stop(): Promise<void>;
}

/** cognito-local's tokens, signed again with our key: its claims, its issuer and expiry, not its published private key. */
class OwnKeyTokenGenerator implements TokenGenerator {
  constructor(
    private readonly inner: TokenGenerator,
    private readonly key: SigningKey,
  ) {}
  async generate(...args: Parameters<TokenGenerator["generate"]>): ReturnType<TokenGenerator["generate"]> {
    const tokens = await this.inner.generate(...args);
    const [AccessToken, IdToken, RefreshToken] = await Promise.all([tokens.AccessToken, tokens.IdToken, tokens.RefreshToken].map((t) => this.key.resign(t)));
    return { AccessToken: AccessToken!, IdToken: IdToken!, RefreshToken: RefreshToken! };
  }
}

/** The pool's JWKS answered with our key, in front of cognito-local's own route (which would publish its bundled key). */
function servingOwnJwks(server: Server, publicJwk: JWK): void {
  const app = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "GET" && /^\/[^/]+\/\.well-known\/jwks\.json(\?|$)/.test(req.url ?? "")) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [publicJwk] }));
      return;
    }
    for (const listener of app) listener.call(server, req, res);
  });
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
  const signingKey = await localSigningKey(dataDir);
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
    tokenGenerator: new OwnKeyTokenGenerator(new JwtTokenGenerator(clock, triggers, config.TokenConfig), signingKey),
    triggers,
  };
  let server: Server;
  try {
    server = (await createServer(Router(services), logger, config.ServerConfig, services).start()) as Server;
  } catch (err) {
    removeDataDir();
    throw err;
  }
  servingOwnJwks(server, signingKey.publicJwk);
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
  return { endpoint, port, publicJwk: signingKey.publicJwk, stop };
}
