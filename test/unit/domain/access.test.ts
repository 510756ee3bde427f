// The access policy: who sees which case, the scope of each principal's lists, who may reveal or
// administer, and the roles of each staff route, over a table of roles × units.
import { describe, expect, it } from "vitest";
import {
  canSee,
  listScope,
  mayAdminister,
  mayRevealIdentity,
  principalSchema,
  routeRoles,
  scopeFilters,
  type Viewer,
} from "#domain/access.ts";
import { roles } from "#domain/vocabulary.ts";
import { routes } from "#routes";

const viewers: Record<string, Viewer> = {
  reception: { role: "reception" },
  "handler of u1": { role: "handler", unitId: "u1" },
  "handler without a unit": { role: "handler" },
  inspector: { role: "inspector" },
  "inspector with a unit": { role: "inspector", unitId: "u2" },
  admin: { role: "admin" },
};

describe("canSee", () => {
  it("should let a handler see its unit's cases only, and everyone else on staff every case", () => {
    // Prepare
    const cases = { "u1's case": { unitId: "u1" }, "u2's case": { unitId: "u2" }, "an unassigned case": {} };
    // Act
    const seen = Object.fromEntries(
      Object.entries(viewers).map(([who, viewer]) => [who, Object.entries(cases).filter(([, record]) => canSee(viewer, record)).map(([name]) => name)]),
    );
    // Assess
    const all = ["u1's case", "u2's case", "an unassigned case"];
    expect(seen).toEqual({
      reception: all,
      "handler of u1": ["u1's case"],
      "handler without a unit": [],
      inspector: all,
      "inspector with a unit": all,
      admin: all,
    });
  });
});

describe("listScope", () => {
  it("should scope a handler's lists to its unit, a handler without a unit to nothing, and the others to all", () => {
    // Act
    const scopes = Object.fromEntries(Object.entries(viewers).map(([who, viewer]) => [who, listScope(viewer)]));
    // Assess
    expect(scopes).toEqual({
      reception: { kind: "all" },
      "handler of u1": { kind: "unit", unitId: "u1" },
      "handler without a unit": { kind: "none" },
      inspector: { kind: "all" },
      "inspector with a unit": { kind: "all" },
      admin: { kind: "all" },
    });
  });
});

describe("scopeFilters", () => {
  it("should force a handler's unit", () => {
    const filters: { kind: string; unitId?: string } = { kind: "complaint" };

    expect(scopeFilters(filters, { role: "handler", unitId: "u1" })).toEqual({ kind: "complaint", unitId: "u1" });
  });

  it("should give a handler asking for another unit nothing at all", () => {
    expect(scopeFilters({ unitId: "u2" }, { role: "handler", unitId: "u1" })).toBeUndefined();
  });

  it("should give a handler without a unit nothing at all", () => {
    expect(scopeFilters({}, { role: "handler" })).toBeUndefined();
  });

  it.each(["reception", "inspector", "admin"] as const)("should leave %s's filters as asked", (role) => {
    expect(scopeFilters({ unitId: "u2" }, { role })).toEqual({ unitId: "u2" });
    expect(scopeFilters({}, { role })).toEqual({});
  });
});

describe("who may reveal an identity or administer", () => {
  it("should let the handler and the inspector reveal, and admin alone administer", () => {
    // Act
    const table = roles.map((role) => [role, mayRevealIdentity({ role }), mayAdminister({ role })]);
    // Assess
    expect(table).toEqual([
      ["reception", false, false],
      ["handler", true, false],
      ["inspector", true, false],
      ["admin", false, true],
    ]);
  });
});

describe("routeRoles", () => {
  it("should name the roles of every staff route of the manifest, as the manifest allows them", () => {
    // Prepare
    const staffRoutes = routes.flatMap((r) => (r.auth === "public" ? [] : [[r.name, r.auth] as const]));
    // Act
    const manifest = Object.fromEntries(staffRoutes.map(([name, auth]) => [name, [...auth]]));
    // Assess
    expect(Object.fromEntries(Object.entries(routeRoles).map(([name, set]) => [name, [...set]]))).toEqual(manifest);
  });
});

describe("principalSchema", () => {
  it("should read a staff member with or without a unit, and refuse anything else", () => {
    // Prepare
    const handler = { userId: "sub-1", username: "handler-so-tn-mt", role: "handler", unitId: "so-tn-mt" };
    // Act
    const verdicts = [
      handler,
      { userId: "sub-2", username: "inspector1", role: "inspector" },
      { ...handler, unitId: "SO TN" },
      { ...handler, role: "citizen" },
      { ...handler, groups: ["handler"] },
    ].map((p) => principalSchema.safeParse(p).success);
    // Assess
    expect(verdicts).toEqual([true, true, false, false, false]);
  });
});
