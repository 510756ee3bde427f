// One setup for tests of the staff routes over HTTP: this file's tables on DynamoDB Local, the local
// gateway taking the fake staff tokens, the unit registry an admin stored, and answers read as JSON.
import { startTestGateway, type TestGateway } from "./gateway.ts";
import { useLocalTables } from "./local-env.ts";
import { bearer, fakeStaffVerifier } from "./staff-tokens.ts";

export interface StaffApi {
  readonly api: TestGateway;
  readonly endpoint: string;
  readonly prefix: string;
}

export async function startStaffApi(units: readonly { unitId: string; name: string; remoteArea: boolean }[] = []): Promise<StaffApi> {
  const tables = await useLocalTables();
  process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
  const api = await startTestGateway({ verifyToken: fakeStaffVerifier });
  if (units.length > 0) await api.raw("PUT", "/admin/units", JSON.stringify(units), { "content-type": "application/json", ...bearer("admin") });
  return { api, ...tables };
}

/** An answer as the tests compare it: its status and its JSON body. */
export const jsonAnswer = async (res: Response) => ({ status: res.status, body: await res.json() });
