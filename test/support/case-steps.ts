// The steps a lifecycle test takes over HTTP through the local gateway (register, submit, read, act), and a
// stream tap of the Cases table whose records it hands to the aggregates once they hold every version.
import type { TestGateway } from "./gateway.ts";
import { startStaffApi, type StaffApi } from "./staff-api.ts";
import { bearer } from "./staff-tokens.ts";
import { caseVersionsIn, deliverToConsumer, openStreamTap, type StreamTap } from "./stream-tap.ts";

type Headers = Record<string, string>;

/** An answer with its ETag, as these tests compare it. */
export const answerWithEtag = async (res: Response) => ({ status: res.status, etag: res.headers.get("etag"), body: await res.json() });

/** The staff routes of `api()` (read lazily: the gateway starts in a beforeAll), each answer read with its ETag. */
export function caseSteps(api: () => TestGateway) {
  const reception = bearer("reception");
  const admin = bearer("admin");
  const read = async (caseId: string, as: Headers = admin) => answerWithEtag(await api().get(`/staff/cases/${caseId}`, as));
  return {
    /** A letter registered by reception (by mail unless the body says otherwise). */
    register: async (body: Record<string, unknown>) => answerWithEtag(await api().post("/staff/cases", { channel: "mail", ...body }, reception)),
    submit: async (body: Record<string, unknown>) => answerWithEtag(await api().post("/cases", body)),
    read,
    act: async (caseId: string, action: string, body: unknown, version: number, as: Headers = admin) =>
      answerWithEtag(await api().post(`/staff/cases/${caseId}/${action}`, body, { ...as, "if-match": `"${version}"` })),
  };
}

export type StreamedStaffApi = StaffApi & { readonly tap: StreamTap };

/** The staff API of startStaffApi with a tap of this file's Cases stream. */
export async function startStreamedStaffApi(units: Parameters<typeof startStaffApi>[0]): Promise<StreamedStaffApi> {
  const staff = await startStaffApi(units);
  return { ...staff, tap: await openStreamTap(staff.endpoint, staff.prefix) };
}

/** Reads the stream until it holds every version the cases are at, then hands everything to the aggregates. */
export async function drainToAggregates(tap: StreamTap, read: (caseId: string) => Promise<{ body: { version: number } }>, caseIds: readonly string[]) {
  const versions = new Map<string, number>();
  for (const id of caseIds) versions.set(id, (await read(id)).body.version);
  const seen = new Map<string, number>();
  const records = await tap.take((rs) => {
    for (const [id, v] of caseVersionsIn(rs)) seen.set(id, Math.max(seen.get(id) ?? 0, v));
    return [...versions].every(([id, v]) => (seen.get(id) ?? 0) >= v);
  });
  return deliverToConsumer("AggregateCases", records);
}
