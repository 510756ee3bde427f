// `npm start [-- --in-memory]`: runs the local runtime until Ctrl-C or SIGTERM, and leaves no process behind.
import { fileURLToPath } from "node:url";
import { routes } from "#routes";
import { localDemoPassword } from "../shared/staff-pool.ts";
import { dataDirOf } from "./runtime-file.ts";
import { startRuntime, type RunningRuntime } from "./runtime.ts";

const inMemory = process.argv.includes("--in-memory");
const port = process.env.PORT ? Number(process.env.PORT) : 3000;
const dynamodbPort = process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined;
const cognitoPort = process.env.COGNITO_PORT ? Number(process.env.COGNITO_PORT) : undefined;
if (![port, dynamodbPort, cognitoPort].every((p) => p === undefined || Number.isInteger(p))) {
  console.error("PORT, DYNAMODB_PORT and COGNITO_PORT must be port numbers");
  process.exit(2);
}

let runtime: RunningRuntime | undefined;
let exiting = false;
async function exit(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  await runtime?.stop().catch((err: unknown) => console.error("while stopping:", err));
  if (runtime) console.log("Local runtime stopped.");
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  // Ctrl-C reaches this process twice (from the terminal and relayed by tsx): `exit` runs once.
  process.on(signal, () => {
    if (!exiting) console.log(`\n${signal}: stopping the local runtime`);
    void exit(0);
  });
}
process.on("uncaughtException", (err) => {
  console.error("uncaught error, stopping the local runtime:", err);
  void exit(1);
});

try {
  runtime = await startRuntime({
    port,
    host: process.env.HOST || "127.0.0.1",
    ...(dynamodbPort ? { dynamodbPort } : {}),
    ...(cognitoPort ? { cognitoPort } : {}),
    dataDir: dataDirOf(),
    inMemory,
    root: fileURLToPath(new URL("..", import.meta.url)),
    // In memory, DynamoDB Local comes back empty: the demo data again (seedDemoData skips a store that has units).
    onDynamoDbRestart: () => void seed(),
  });
} catch (err) {
  console.error("the local runtime did not start:", err instanceof Error ? err.message : err);
  await exit(1);
}
// Demo units and cases on the first start (an empty unit registry), unless --no-seed or SEED=false.
async function seed(): Promise<void> {
  if (exiting || process.argv.includes("--no-seed") || process.env.SEED === "false") return;
  const { seedDemoData } = await import("./seed.ts");
  await seedDemoData().then(
    (line) => line && console.log(line),
    (err: unknown) => console.error("demo data not seeded:", err instanceof Error ? err.message : err),
  );
}
if (runtime && !exiting) await seed();
if (runtime && !exiting) {
  const { apiUrl, dynamodbEndpoint, tablePrefix, cognito } = runtime.info;
  const staff = runtime.demoStaff.map((s) => `${s.username} (${s.role}${s.unitId ? `, ${s.unitId}` : ""})`);
  const pageUrls = runtime.pages.map((p) => `${apiUrl}/${p === "index.html" ? "" : p.replace(/\.html$/, "")}`);
  console.log(
    [
      "",
      `Local runtime ready (${inMemory ? "in memory: nothing is kept" : `data in ${dataDirOf()}`})`,
      runtime.webDir ? `  pages     ${pageUrls.join("\n            ")}` : "  pages     none: web/dist is missing (npm run build:web)",
      `  API       ${apiUrl}  (${routes.length} routes; OpenAPI at ${apiUrl}/openapi.json)`,
      `  DynamoDB  ${dynamodbEndpoint}  (tables ${tablePrefix}-*)`,
      ...(cognito
        ? [
            `  Cognito   ${cognito.endpoint}  (pool ${cognito.userPoolId}, client ${cognito.clientId}, region ${cognito.region})`,
            `  staff     ${staff.join("\n            ")}`,
            `            local demo password for all: ${localDemoPassword}   or: npm run token -- --role ROLE [--unit UNIT_ID]`,
          ]
        : []),
      "Ctrl-C stops everything.",
      "",
    ].join("\n"),
  );
}
