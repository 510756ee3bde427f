// `npm run -s token -- --role ROLE [--unit UNIT_ID] [--user NAME]`: prints only an ID token of the running local runtime's
// cognito-local, for `Authorization: Bearer`. The user is made to exist with exactly that role and unit first.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { roles, type Role } from "#routes";
import { localDemoPassword, localDemoStaff, unitBoundRoles, unitIdPattern } from "../shared/staff-pool.ts";
import { cognitoClient, ensureStaffUser, signIn } from "./auth/pool.ts";
import { dataDirOf, readRuntimeInfo } from "./runtime-file.ts";

const usage = `usage: npm run -s token -- --role ${roles.join("|")} [--unit UNIT_ID] [--user NAME]`;

export interface TokenRequest {
  readonly role: Role;
  readonly unitId?: string | undefined;
  readonly username: string;
}

/** The arguments, checked; a demo user of that role and unit is reused, else the name is `<role>-<unit>` or `<role>1`. */
export function tokenRequest(args: readonly string[]): TokenRequest {
  const { values } = parseArgs({
    args: [...args],
    options: { role: { type: "string" }, unit: { type: "string" }, user: { type: "string" } },
    strict: true,
    allowPositionals: false,
  });
  const role = values.role as Role | undefined;
  if (!role || !roles.includes(role)) throw new Error(`--role must be one of ${roles.join(", ")}`);
  const unitId = values.unit;
  if (unitBoundRoles.includes(role) && !unitId) throw new Error(`a ${role} belongs to one unit: give --unit UNIT_ID`);
  if (unitId !== undefined && !unitIdPattern.test(unitId)) throw new Error(`--unit ${unitId}: lowercase letters, digits and hyphens`);
  if (values.user !== undefined && !/^[\w.@+-]{1,128}$/.test(values.user)) throw new Error(`--user ${values.user}: not a user name`);
  const demo = localDemoStaff.find((s) => s.role === role && s.unitId === unitId);
  const username = values.user ?? demo?.username ?? (unitId ? `${role}-${unitId}` : `${role}1`);
  return { role, unitId, username };
}

async function main(): Promise<void> {
  // Its output is one token: the SDK's notice about future Node versions would only clutter the terminal.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const request = tokenRequest(process.argv.slice(2));
  const dataDir = dataDirOf();
  const info = readRuntimeInfo(dataDir);
  if (!info) throw new Error(`no local runtime is running with DATA_DIR ${dataDir}: start one with \`npm start\` (same DATA_DIR)`);
  if (!info.cognito) throw new Error(`the local runtime at ${info.apiUrl} has no local Cognito: restart it with this version`);
  const client = cognitoClient(info.cognito.endpoint);
  try {
    await ensureStaffUser(client, info.cognito.userPoolId, { ...request, password: localDemoPassword });
    const { idToken } = await signIn(client, info.cognito.clientId, request.username, localDemoPassword);
    process.stdout.write(`${idToken}\n`);
  } finally {
    client.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(`token: ${err instanceof Error ? err.message : String(err)}\n${usage}`);
    process.exit(1);
  });
}
