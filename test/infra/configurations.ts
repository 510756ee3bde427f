// The stacks the infra tests read, by name: synthesized once per run by test/infra/global-setup.ts and read
// back by test/infra/synthesized.ts. Plain data, so the global setup reads it without loading the CDK.
import path from "node:path";
import { roles, type RouteDefinition } from "#routes";
import type { DonThuStackProps } from "../../infra/stack.ts";

export interface SynthProps extends DonThuStackProps {
  /** Whether handlers are bundled (by the local esbuild); without, for tests that check wiring, not handler code. */
  readonly bundle?: boolean;
  /** Context on top of cdk.json's. */
  readonly context?: Record<string, unknown>;
}

const webFixture = path.join(import.meta.dirname, "fixtures", "web");
const entry = "test/infra/fixtures/handler.ts";

/** The notify settings given by context, as `cdk deploy -c senderEmail=…` would. */
export const notifyContext = {
  senderEmail: "no-reply@thanhtra.example.gov.vn",
  notifyInspectionTo: "thanhtra@example.gov.vn",
  notifyLeadershipTo: "lanhdao@example.gov.vn",
  notifyUnitHeads: "so-tn-mt=truongphong@stnmt.example.gov.vn",
};

/** A small manifest with staff routes of every kind of role list. */
export const staffManifest: readonly RouteDefinition[] = [
  { name: "Health", method: "GET", path: "/health", entry, auth: "public", tables: {} },
  { name: "ListCases", method: "GET", path: "/staff/cases", entry, auth: roles, tables: { cases: "read" } },
  { name: "ActOnCase", method: "POST", path: "/staff/cases/{caseId}/{action}", entry, auth: ["reception", "handler", "admin"], tables: { cases: "readWrite" } },
  { name: "PutPolicy", method: "PUT", path: "/admin/policy", entry, auth: ["admin"], tables: { cases: "readWrite" } },
];

/** The API's own domain, which every deployment names (its execute-api endpoint is disabled). */
export const apiDomain = { name: "api.donthu.example.gov.vn", certificateArn: "arn:aws:acm:ap-southeast-1:111111111111:certificate/00000000-0000-4000-8000-000000000000" };

/** The stacks the infra tests read, by name. */
export const configurations = {
  // The real manifest, handlers bundled as `cdk synth` does.
  stack: { webAssetsDir: webFixture, apiDomain },
  // Wiring only: the stand-in handler need not be bundled.
  staffRoutes: { routes: staffManifest, webAssetsDir: webFixture, bundle: false, apiDomain },
  streams: { webAssetsDir: webFixture, bundle: false, apiDomain },
  schedules: { webAssetsDir: webFixture, bundle: false, context: notifyContext, apiDomain },
} satisfies Record<string, SynthProps>;
export type ConfigurationName = keyof typeof configurations;

