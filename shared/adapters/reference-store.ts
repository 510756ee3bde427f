// The ReferenceStore on DynamoDB, in the Reference table:
//   UNITS    · REGISTRY      the whole unit registry in one item, so a PUT replaces it atomically
//   CALENDAR · YEAR#<yyyy>   a year's adjustments stored by an admin (they replace the shipped ones)
//   POLICY   · V#<000000n>   one item per policy version, never overwritten; the latest is the current one
import { GetCommand, paginateQuery, PutCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { z } from "zod";
import { policySchema } from "#domain/deadlines/index.ts";
import { localDateSchema } from "#domain/calendar/index.ts";
import { PolicyVersionTakenError, unitSchema, type ReferenceStore, type StoredCalendarYear, type StoredPolicy, type Unit } from "#domain/reference.ts";
import type { UnitNames } from "#domain/report.ts";

export const referenceKeys = {
  units: () => ({ pk: "UNITS", sk: "REGISTRY" }),
  calendarPartition: "CALENDAR",
  calendar: (year: number) => ({ pk: "CALENDAR", sk: `YEAR#${year}` }),
  policyPartition: "POLICY",
  policy: (version: number) => ({ pk: "POLICY", sk: `V#${String(version).padStart(7, "0")}` }),
};

const unitsItem = z.object({ units: z.array(unitSchema) });
const calendarItem = z.object({
  year: z.number().int(),
  holidays: z.array(localDateSchema),
  workingDays: z.array(localDateSchema),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
const policyItem = z.object({ policy: policySchema, storedAt: z.string(), storedBy: z.string() });

export class DynamoReferenceStore implements ReferenceStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async getUnits(): Promise<Unit[] | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: referenceKeys.units(), ConsistentRead: true }));
    return out.Item && unitsItem.parse(out.Item).units;
  }

  async putUnits(units: readonly Unit[], meta: { updatedAt: string; updatedBy: string }): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...referenceKeys.units(), entity: "units", units, ...meta } }));
  }

  async getCalendarYear(year: number): Promise<StoredCalendarYear | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: referenceKeys.calendar(year), ConsistentRead: true }));
    return out.Item && calendarItem.parse(out.Item);
  }

  async getCalendarYears(): Promise<StoredCalendarYear[]> {
    const items = await this.queryAll({ pk: referenceKeys.calendarPartition });
    return items.map((i) => calendarItem.parse(i));
  }

  async putCalendarYear(year: StoredCalendarYear): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { ...referenceKeys.calendar(year.year), entity: "calendar", ...year } }));
  }

  async getPolicy(version?: number): Promise<StoredPolicy | undefined> {
    if (version !== undefined) {
      const out = await this.db.send(new GetCommand({ TableName: this.table, Key: referenceKeys.policy(version), ConsistentRead: true }));
      return out.Item && policyItem.parse(out.Item);
    }
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :v)",
        ExpressionAttributeValues: { ":pk": referenceKeys.policyPartition, ":v": "V#" },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0];
    return item && policyItem.parse(item);
  }

  async putPolicy(stored: StoredPolicy): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...referenceKeys.policy(stored.policy.version), entity: "policy", version: stored.policy.version, ...stored },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new PolicyVersionTakenError(String(stored.policy.version));
      throw err;
    }
  }

  private async queryAll(key: { pk: string }): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    const pages = paginateQuery(
      { client: this.db },
      { TableName: this.table, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": key.pk }, ConsistentRead: true },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }
}

/**
 * The units port of the actions use case. Until an admin stores a registry, any well-formed unit id
 * is accepted (not a remote area), so a fresh installation works before its registry is entered.
 */
export function unitDirectory(store: Pick<ReferenceStore, "getUnits">) {
  return {
    async find(unitId: string): Promise<{ remoteArea: boolean } | undefined> {
      const units = await store.getUnits();
      if (units === undefined) return { remoteArea: false };
      const unit = units.find((u) => u.unitId === unitId);
      return unit && { remoteArea: unit.remoteArea };
    },
  };
}

/** Unit names from the registry; none stored yet means ids are shown. */
export const unitNamesFrom = (store: Pick<ReferenceStore, "getUnits">): UnitNames => ({
  async names() {
    const units = await store.getUnits();
    return units && new Map(units.map((u) => [u.unitId, u.name]));
  },
});
