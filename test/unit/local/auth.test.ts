import { describe, expect, it } from "vitest";
import { tokenRequest } from "#local/token.ts";
import { roles } from "#routes";
import {
  clientWritableAttributes,
  demoUnits,
  localDemoPassword,
  localDemoStaff,
  meetsPasswordPolicy,
  rolePrecedence,
  staffGroups,
  unitBoundRoles,
  unitIdAttribute,
  unitIdPattern,
} from "../../../shared/staff-pool.ts";

describe("the staff pool definition", () => {
  it("should have one group per role of the route manifest, and a precedence that ranks each once", () => {
    expect(staffGroups).toEqual(roles);
    expect([...rolePrecedence].sort()).toEqual([...roles].sort());
  });

  it("should hold a policy of 12 characters with upper, lower, digit and symbol, which the demo password meets", () => {
    expect(meetsPasswordPolicy(localDemoPassword)).toBe(true);
    expect(meetsPasswordPolicy("Abcdefghij1!")).toBe(true);
    expect(meetsPasswordPolicy("Abcdefghi1!")).toBe(false);
    expect(meetsPasswordPolicy("abcdefghij1!")).toBe(false);
    expect(meetsPasswordPolicy("ABCDEFGHIJ1!")).toBe(false);
    expect(meetsPasswordPolicy("Abcdefghijk!")).toBe(false);
    expect(meetsPasswordPolicy("Abcdefghijk1")).toBe(false);
  });

  it("should never let users write their own unit", () => {
    expect(clientWritableAttributes).not.toContain(unitIdAttribute.claim);
    expect(unitIdAttribute.claim).toBe(`custom:${unitIdAttribute.name}`);
  });

  it("should give every demo handler one of the demo units, and every demo unit a handler", () => {
    const units = demoUnits.map((u) => u.unitId);
    expect(units).toEqual(["so-tn-mt", "ubnd-huyen-an-phu", "ubnd-xa-vinh-hau"]);
    for (const unit of units) expect(unitIdPattern.test(unit)).toBe(true);
    const handlers = localDemoStaff.filter((s) => unitBoundRoles.includes(s.role));
    expect(handlers.map((s) => s.unitId).sort()).toEqual([...units].sort());
    expect(new Set(localDemoStaff.map((s) => s.role))).toEqual(new Set(roles));
  });
});

describe("npm run token's arguments", () => {
  it("should reuse the demo user of that role and unit", () => {
    expect(tokenRequest(["--role", "handler", "--unit", "ubnd-huyen-an-phu"])).toEqual({
      role: "handler",
      unitId: "ubnd-huyen-an-phu",
      username: "handler-an-phu",
    });
    expect(tokenRequest(["--role", "inspector"])).toEqual({ role: "inspector", unitId: undefined, username: "inspector1" });
  });

  it("should derive a name for a unit without a demo user, and take --user as given", () => {
    expect(tokenRequest(["--role", "handler", "--unit", "ubnd-xa-phu-huu"]).username).toBe("handler-ubnd-xa-phu-huu");
    expect(tokenRequest(["--role", "admin", "--user", "lan.nguyen"])).toEqual({ role: "admin", unitId: undefined, username: "lan.nguyen" });
  });

  it("should refuse a missing or unknown role, a handler without a unit, a malformed unit and unknown options", () => {
    expect(() => tokenRequest([])).toThrow("--role must be one of reception, handler, inspector, admin");
    expect(() => tokenRequest(["--role", "citizen"])).toThrow("--role must be one of");
    expect(() => tokenRequest(["--role", "handler"])).toThrow("a handler belongs to one unit: give --unit UNIT_ID");
    expect(() => tokenRequest(["--role", "handler", "--unit", "Sở TN"])).toThrow("--unit Sở TN");
    expect(() => tokenRequest(["--role", "admin", "--user", "a b"])).toThrow("not a user name");
    expect(() => tokenRequest(["--role", "admin", "--group", "admin"])).toThrow();
  });
});
