import { describe, expect, it } from "vitest";
import { actionNames, actions, allowedActions, mayEverDo, nextStatus } from "#domain/workflow.ts";
import { versionOf } from "#domain/case-actions.ts";
import { withEscalationFor } from "#domain/case.ts";
import { caseStatuses, roles } from "#domain/vocabulary.ts";
import { routeRoles } from "#domain/access.ts";

describe("the state machine", () => {
  it("should give reception the processing decisions on a received case (the processing extension among them), and nothing to do on an in-progress one but withdraw and note", () => {
    expect(allowedActions("received", "reception")).toEqual(["classify", "accept", "transfer", "guide", "reject", "archive", "extend", "withdraw", "note"]);
    expect(allowedActions("in_progress", "reception")).toEqual(["withdraw", "note"]);
  });

  it("should give a handler the work of an accepted case", () => {
    expect(allowedActions("in_progress", "handler")).toEqual(["extend", "suspend", "resume", "resolve", "withdraw", "note"]);
    expect(allowedActions("resolved", "handler")).toEqual(["close", "note"]);
    expect(allowedActions("received", "handler")).toEqual(["withdraw", "note"]);
  });

  it("should let inspectors only add notes, in any state", () => {
    for (const status of caseStatuses) expect(allowedActions(status, "inspector")).toEqual(["note"]);
  });

  it("should let admin do whatever any role may do", () => {
    for (const status of caseStatuses) {
      const union = new Set(roles.filter((r) => r !== "admin").flatMap((r) => allowedActions(status, r)));
      expect(new Set(allowedActions(status, "admin"))).toEqual(union);
    }
  });

  it("should leave closed, withdrawn and other final states with notes only", () => {
    for (const status of ["transferred", "guided", "rejected", "archived", "closed", "withdrawn"] as const) {
      expect(allowedActions(status, "admin")).toEqual(["note"]);
    }
  });

  it("should move each action to its next state", () => {
    expect(actionNames.map((a) => [a, nextStatus(actions[a].gates[0]!.from[0]!, a)])).toEqual([
      ["classify", "received"], ["accept", "in_progress"], ["transfer", "transferred"], ["guide", "guided"],
      ["reject", "rejected"], ["archive", "archived"], ["extend", "received"], ["suspend", "in_progress"],
      ["resume", "in_progress"], ["resolve", "resolved"], ["close", "closed"], ["withdraw", "withdrawn"], ["note", "received"],
    ]);
  });

  it("should tell which role may ever take an action", () => {
    expect(mayEverDo("inspector", "accept")).toBe(false);
    expect(mayEverDo("handler", "resolve")).toBe(true);
    expect(mayEverDo("reception", "resolve")).toBe(false);
  });

  it("should open the action route to exactly the roles that have some action", () => {
    const withSomeAction = roles.filter((role) => actionNames.some((action) => mayEverDo(role, action)));
    expect([...routeRoles.StaffCaseAction].sort()).toEqual([...withSomeAction].sort());
  });
});

describe("If-Match", () => {
  it("should read strong, weak and bare ETags", () => {
    expect(versionOf('"3"')).toBe(3);
    expect(versionOf('W/"12"')).toBe(12);
    expect(versionOf("7")).toBe(7);
  });

  it("should refuse a missing or malformed one, naming the header", () => {
    for (const bad of [undefined, "", "*", '"abc"', '"1", "2"']) {
      expect(() => versionOf(bad)).toThrow(expect.objectContaining({ status: 400, errors: [expect.objectContaining({ path: "If-Match" })] }));
    }
  });
});

describe("escalation levels", () => {
  const deadline = (dueAt: string, extra: object = {}) => ({ dueAt, dueDate: dueAt.slice(0, 10), basis: "b", explanation: { steps: [], vi: "", en: "" }, ...extra });

  it("should start the ladder again when the current deadline moves, and keep it otherwise", () => {
    const before = { status: "in_progress" as const, deadlines: { resolution: deadline("2026-10-30T16:59:59.999Z") }, escalationRecorded: 2 };
    const extended = { ...before, deadlines: { resolution: deadline("2026-11-30T16:59:59.999Z") } };
    const noted = { ...before };
    const accepted = { status: "in_progress" as const, deadlines: { processing: deadline("2026-10-01T16:59:59.999Z"), resolution: deadline("2026-11-30T16:59:59.999Z") }, escalationRecorded: 1 };

    expect(withEscalationFor(before, extended).escalationRecorded).toBeUndefined();
    expect(withEscalationFor(before, noted).escalationRecorded).toBe(2);
    expect(withEscalationFor({ ...accepted, status: "received" as const }, accepted).escalationRecorded).toBeUndefined();
  });
});
