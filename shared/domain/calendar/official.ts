// The official adjustments shipped with the product, each entry with the announcement it comes
// from. Only what could be established from published reports of the announcements is here; a
// year or a holiday not listed follows the computed default (holidays.ts). `matchesDefault`
// records announcements checked against the default that needed no adjustment.
// Sources are the announcements of the Prime Minister / Government Office (VPCP) on the proposals
// of the Ministry of Labour, Invalids and Social Affairs (MOLISA; from 2025 the Ministry of Home
// Affairs), as reported by the named outlets.
import type { CalendarAdjustments } from "./adjustments.ts";

export interface OfficialEntry {
  readonly date: string;
  readonly note: string;
  readonly source: string;
}

export interface OfficialYear {
  readonly holidays: readonly OfficialEntry[];
  readonly workingDays: readonly OfficialEntry[];
  readonly matchesDefault: readonly { readonly what: string; readonly source: string }[];
}

const TET_2023 =
  "Government Office notice of 1 Dec 2022 (Deputy PM Vũ Đức Đam, on MOLISA's proposal): Tết Quý Mão off 20–26 Jan 2023 (Nhân Dân, 2022-12; SGGP, 2022-12-08)";
const TET_2024 = "PM Phạm Minh Chính's approval of MOLISA's proposal: Tết Giáp Thìn off 8–14 Feb 2024 (Việt Nam News, 2023-11-05)";
const APRIL_2024 =
  "MOLISA's swap proposal, agreed by the Ministry of Home Affairs and approved: off Mon 29 Apr 2024, worked Sat 4 May 2024 (SGGP, HCMC People's Committee announcement, 2024-04)";
const TET_2025 =
  "Government Office announcement of 26 Nov 2024 (PM Phạm Minh Chính, on MOLISA's proposal): Tết Ất Tỵ off 25 Jan–2 Feb 2025, holiday days 27–31 Jan (SGGP, 2024-11-27; VnExpress, 2024-11-26)";
const APRIL_2025 = "Government swap for Reunification Day 2025: off Fri 2 May 2025, worked Sat 26 Apr 2025 (Việt Nam News, 2025-03-04)";
const NEW_YEAR_2026 =
  "Government Office document 12729/VPCP-KGVX of 25 Dec 2025 (Deputy PM Phạm Thị Thanh Trà, on the Ministry of Home Affairs' proposal): off 1–4 Jan 2026, Fri 2 Jan swapped with Sat 10 Jan (Việt Nam News, 2025-12-25)";
const NATIONAL_DAY_2026 =
  "Ministry of Home Affairs 2026 schedule: National Day off Sat 29 Aug–Wed 2 Sep 2026, Mon 31 Aug swapped with Sat 22 Aug (Việt Nam News, 2025-10-17; Báo Bắc Ninh, 2025-12)";

export const officialCalendar: Readonly<Record<number, OfficialYear>> = {
  2023: {
    holidays: [{ date: "2023-01-20", note: "Tết: 29 tháng Chạp, first day of the break", source: TET_2023 }],
    workingDays: [{ date: "2023-01-27", note: "Tết break ends Thu 26 Jan; Fri 27 Jan is worked (no compensatory day)", source: TET_2023 }],
    matchesDefault: [
      { what: "National Day off 1–4 Sep 2023", source: "Government Office notice of 1 Dec 2022 (Nhân Dân, 2022-12)" },
      {
        what: "Hùng Kings Sat 29 Apr, 30 Apr Sun, 1 May: off 29 Apr–3 May 2023",
        source: "Labour Code 2019 art. 112 as reported by VietnamPlus, 2023-01-30",
      },
    ],
  },
  2024: {
    holidays: [
      { date: "2024-02-08", note: "Tết: 29 tháng Chạp, first day of the break", source: TET_2024 },
      { date: "2024-04-29", note: "bridge between the weekend and 30 April", source: APRIL_2024 },
    ],
    workingDays: [
      { date: "2024-02-15", note: "Tết break ends Wed 14 Feb; Thu 15 Feb is worked", source: TET_2024 },
      { date: "2024-05-04", note: "Saturday worked for the 29 April bridge", source: APRIL_2024 },
    ],
    matchesDefault: [
      { what: "National Day off 31 Aug–3 Sep 2024 (2 and 3 Sep)", source: "MOLISA announcement (SGGP/VietnamPlus, 2024-08; Báo Khánh Hòa, 2024-08-31)" },
    ],
  },
  2025: {
    holidays: [
      { date: "2025-01-27", note: "Tết: 28 tháng Chạp", source: TET_2025 },
      { date: "2025-05-02", note: "bridge after 30 April and 1 May", source: APRIL_2025 },
    ],
    workingDays: [
      { date: "2025-02-03", note: "Tết break ends Sun 2 Feb; Mon 3 Feb is worked (no compensatory day)", source: TET_2025 },
      { date: "2025-04-26", note: "Saturday worked for the 2 May bridge", source: APRIL_2025 },
    ],
    matchesDefault: [
      { what: "National Day off 30 Aug–2 Sep 2025 (1 and 2 Sep)", source: "Ministry of Home Affairs (Việt Nam News, 2025-08-04; SGGP, 2025-08-03)" },
      { what: "Hùng Kings Mon 7 Apr 2025", source: "Việt Nam News, 2025-03-04" },
    ],
  },
  2026: {
    holidays: [
      { date: "2026-01-02", note: "New Year bridge", source: NEW_YEAR_2026 },
      { date: "2026-08-31", note: "National Day bridge", source: NATIONAL_DAY_2026 },
    ],
    workingDays: [
      { date: "2026-01-10", note: "Saturday worked for the 2 January bridge", source: NEW_YEAR_2026 },
      { date: "2026-08-22", note: "Saturday worked for the 31 August bridge", source: NATIONAL_DAY_2026 },
    ],
    matchesDefault: [
      {
        what: "Tết Bính Ngọ off Sat 14–Sun 22 Feb 2026 (holiday days Mon 16–Fri 20 Feb)",
        source: "Ministry of Home Affairs 2026 schedule (Việt Nam News, 2025-10-17; Công an TP.HCM)",
      },
      { what: "National Day: 2 September and the preceding day", source: "Việt Nam News, 2025-12-25" },
      { what: "Hùng Kings Sun 26 Apr → Mon 27 Apr; 30 Apr–3 May 2026", source: "Báo Bắc Ninh, 2025-12 (Ministry of Home Affairs)" },
    ],
  },
};

/** The shipped official adjustments in the admin shape `{ holidays, workingDays }` per year. */
export function officialAdjustments(): Map<number, CalendarAdjustments> {
  const map = new Map<number, CalendarAdjustments>();
  for (const [year, y] of Object.entries(officialCalendar)) {
    map.set(Number(year), { holidays: y.holidays.map((e) => e.date), workingDays: y.workingDays.map((e) => e.date) });
  }
  return map;
}
