// The default deadline policy of DOMAIN.md, with its legal bases. Resolution periods count
// calendar days ("ngày"); processing periods count working days ("ngày làm việc").
import { parsePolicy, type LegalBasis, type Policy } from "./policy.ts";

const CIRCULAR_05: LegalBasis = {
  vi: "Thông tư 05/2021/TT-TTCP (quy trình xử lý đơn)",
  en: "Circular 05/2021/TT-TTCP of the Government Inspectorate (processing of letters)",
};
const DENUNCIATION_ART_24: LegalBasis = {
  vi: "Luật Tố cáo 2018, Điều 24 khoản 1",
  en: "Law on Denunciations 2018, art. 24(1): 7 working days, up to 10 when verification at several places is needed",
};
const COMPLAINT_ART_28: LegalBasis = { vi: "Luật Khiếu nại 2011, Điều 28", en: "Law on Complaints 2011, art. 28 (first-round resolution period)" };
const COMPLAINT_ART_37: LegalBasis = { vi: "Luật Khiếu nại 2011, Điều 37", en: "Law on Complaints 2011, art. 37 (second-round resolution period)" };
const DENUNCIATION_ART_30: LegalBasis = { vi: "Luật Tố cáo 2018, Điều 30", en: "Law on Denunciations 2018, art. 30 (resolution period and its extensions)" };
const LOCAL_POLICY: LegalBasis = {
  vi: "Quy định của địa phương (chính sách mặc định, không có luật riêng)",
  en: "local policy (a default; no single statute sets this period)",
};
const LADDER: LegalBasis = { vi: "Quy chế theo dõi, đôn đốc của địa phương", en: "local follow-up and escalation policy" };

const complex = ["complex", "very_complex"] as const;

const raw = {
  version: 1,
  effectiveFrom: "2021-07-01",
  periods: [
    { stage: "processing", kinds: ["complaint", "petition", "reflection"], days: 10, unit: "working", basis: CIRCULAR_05 },
    { stage: "processing", kinds: ["denunciation"], days: 7, unit: "working", basis: DENUNCIATION_ART_24 },

    { stage: "resolution", kinds: ["complaint"], rounds: [1], days: 30, unit: "calendar", basis: COMPLAINT_ART_28 },
    { stage: "resolution", kinds: ["complaint"], rounds: [1], complexities: complex, days: 45, unit: "calendar", basis: COMPLAINT_ART_28 },
    { stage: "resolution", kinds: ["complaint"], rounds: [1], remoteArea: true, days: 45, unit: "calendar", basis: COMPLAINT_ART_28 },
    { stage: "resolution", kinds: ["complaint"], rounds: [1], complexities: complex, remoteArea: true, days: 60, unit: "calendar", basis: COMPLAINT_ART_28 },
    { stage: "resolution", kinds: ["complaint"], rounds: [2], days: 45, unit: "calendar", basis: COMPLAINT_ART_37 },
    { stage: "resolution", kinds: ["complaint"], rounds: [2], complexities: complex, days: 60, unit: "calendar", basis: COMPLAINT_ART_37 },
    { stage: "resolution", kinds: ["complaint"], rounds: [2], remoteArea: true, days: 60, unit: "calendar", basis: COMPLAINT_ART_37 },
    { stage: "resolution", kinds: ["complaint"], rounds: [2], complexities: complex, remoteArea: true, days: 70, unit: "calendar", basis: COMPLAINT_ART_37 },

    { stage: "resolution", kinds: ["denunciation"], days: 30, unit: "calendar", basis: DENUNCIATION_ART_30 },
    { stage: "resolution", kinds: ["petition", "reflection"], days: 30, unit: "calendar", basis: LOCAL_POLICY },
  ],
  processingExtensions: [{ kinds: ["denunciation"], extendedDays: 10, basis: DENUNCIATION_ART_24 }],
  extensionLimits: [
    { kinds: ["denunciation"], complexities: ["complex"], maxCount: 1, maxDaysEach: 30, basis: DENUNCIATION_ART_30 },
    { kinds: ["denunciation"], complexities: ["very_complex"], maxCount: 2, maxDaysEach: 30, basis: DENUNCIATION_ART_30 },
  ],
  flags: {
    approachingWorkingDays: 3,
    prolongedOverdueDays: 30,
    prolongedOpenDays: 90,
    prolongedRepeatFilings: 3,
    basis: LADDER,
  },
  escalation: [
    { level: 1, afterDaysOverdue: 0, notify: "unit_head", basis: LADDER },
    { level: 2, afterDaysOverdue: 7, notify: "inspection_team", basis: LADDER },
    { level: 3, afterDaysOverdue: 30, notify: "province_leadership", basis: LADDER },
  ],
};

let parsed: Policy | undefined;
/** The default policy, validated (once, on first use) by the same parser admin edits go through. */
export const defaultPolicy = (): Policy => (parsed ??= parsePolicy(raw));

/** The raw default, for tests and for admin to start editing from. */
export const defaultPolicyInput = (): unknown => structuredClone(raw);
