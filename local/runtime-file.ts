// DATA_DIR/runtime.json: how later commands (`npm run token`, `npm run sweep`) find the running local runtime.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export interface RuntimeInfo {
  /** e.g. `http://127.0.0.1:3000`, no trailing slash. */
  readonly apiUrl: string;
  readonly dynamodbEndpoint: string;
  /** Physical table names are `<tablePrefix>-<logicalName>`: see `tableEnv(prefix)`. */
  readonly tablePrefix: string;
  readonly pid: number;
  /** The local Cognito (cognito-local): how `npm run token` and the staff pages sign in. Absent only in files of older runtimes. */
  readonly cognito?: LocalCognitoInfo;
}

export interface LocalCognitoInfo {
  /** The Cognito Identity Provider endpoint, no trailing slash; tokens' issuer is `<endpoint>/<userPoolId>`. */
  readonly endpoint: string;
  readonly userPoolId: string;
  /** The staff app client (no secret; USER_PASSWORD_AUTH and SRP). */
  readonly clientId: string;
  readonly region: string;
}

export const dataDirOf = (env: NodeJS.ProcessEnv = process.env): string => resolve(env.DATA_DIR || ".data");
export const runtimeFile = (dataDir: string): string => join(dataDir, "runtime.json");

export function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): void {
  // Written aside, then renamed: a reader never sees half a file.
  const file = runtimeFile(dataDir);
  writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
  renameSync(`${file}.${process.pid}.tmp`, file);
}

/** The runtime started with this DATA_DIR, if one is running; a file left by a killed runtime counts as none. */
export function readRuntimeInfo(dataDir: string = dataDirOf()): RuntimeInfo | undefined {
  const file = runtimeFile(dataDir);
  if (!existsSync(file)) return undefined;
  const info = JSON.parse(readFileSync(file, "utf8")) as RuntimeInfo;
  return isAlive(info.pid) ? info : undefined;
}

/** Removes the file only if it is this process's: a second runtime's file is not ours to delete. */
export function removeRuntimeInfo(dataDir: string, pid: number = process.pid): void {
  const file = runtimeFile(dataDir);
  try {
    if ((JSON.parse(readFileSync(file, "utf8")) as RuntimeInfo).pid === pid) rmSync(file);
  } catch {
    // already gone or unreadable: nothing of ours to remove
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
