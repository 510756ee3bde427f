// The figures an inspection reads out (DOMAIN.md "What the inspection team needs to see"): their names,
// as the report's CSV and workbook, the dashboard and the public statistics page print them (the
// pages' catalogs take them from here), and the one definition of the on-time rate. Imports nothing,
// so the pages can bundle it.

export const figureNames = {
  received: { vi: "Tiếp nhận", en: "Received" },
  accepted: { vi: "Thụ lý", en: "Accepted" },
  resolvedOnTime: { vi: "Giải quyết đúng hạn", en: "Resolved on time" },
  resolvedLate: { vi: "Giải quyết trễ hạn", en: "Resolved late" },
  openWithinDeadline: { vi: "Đang giải quyết, còn trong hạn", en: "Open, within the deadline" },
  openOverdue: { vi: "Đang giải quyết, quá hạn", en: "Open, overdue" },
  onTimeRate: { vi: "Tỷ lệ giải quyết đúng hạn", en: "On-time resolution rate" },
  medianResolutionDays: { vi: "Số ngày giải quyết (trung vị)", en: "Days to resolve (median)" },
} as const satisfies Record<string, { readonly vi: string; readonly en: string }>;
export type FigureName = keyof typeof figureNames;

/** How the on-time rate is computed, in words, beside every place it is shown. */
export const onTimeRateDefinition = {
  vi: `${figureNames.onTimeRate.vi} = số giải quyết đúng hạn / (giải quyết đúng hạn + giải quyết trễ hạn + đang giải quyết quá hạn): một đơn còn đang giải quyết đã quá hạn được tính là trễ hạn.`,
  en: `${figureNames.onTimeRate.en} = resolved on time / (resolved on time + resolved late + open and overdue): a case still open past its deadline counts as late.`,
} as const;

export interface RateFigures {
  readonly resolvedOnTime: number;
  readonly resolvedLate: number;
  readonly openOverdue: number;
}

/**
 * The on-time rate, the one definition of it: resolvedOnTime / (resolvedOnTime + resolvedLate +
 * openOverdue), a fraction from 0 to 1; null when there is nothing to rate (0 / 0). A case still open
 * past its deadline has already failed its deadline: leaving it out would let a unit raise its rate by
 * not resolving late cases at all.
 */
export function onTimeRate(f: RateFigures): number | null {
  const denominator = f.resolvedOnTime + f.resolvedLate + f.openOverdue;
  return denominator === 0 ? null : f.resolvedOnTime / denominator;
}
