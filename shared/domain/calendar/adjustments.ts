// A year's official adjustments over the computed default: extra days off and declared working
// days (e.g. a Saturday worked to bridge a holiday). Edited by admin; this schema is its only type.
import { z } from "zod";
import { ValidationError } from "../errors.ts";
import { isLocalDate, parseLocalDate, yearOf } from "./local-date.ts";

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const localDateSchema = z.string().refine(isLocalDate, "must be a date YYYY-MM-DD");

export const calendarAdjustmentsSchema = z
  .object({
    holidays: z.array(localDateSchema).max(60).default([]),
    workingDays: z.array(localDateSchema).max(60).default([]),
  })
  .strict();
export type CalendarAdjustments = z.infer<typeof calendarAdjustmentsSchema>;

export const calendarYearSchema = z.number().int().min(MIN_YEAR).max(MAX_YEAR);

const issuesToFieldErrors = (issues: readonly z.core.$ZodIssue[]) =>
  issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));

/**
 * Parses a year's adjustments, refusing the whole body with field errors: dates outside `year`,
 * a date listed twice, or a date that is both a day off and a working day.
 */
export function parseCalendarAdjustments(input: unknown, year?: number): CalendarAdjustments {
  const parsed = calendarAdjustmentsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(issuesToFieldErrors(parsed.error.issues), "The calendar adjustments are invalid.");
  const errors: { path: string; message: string }[] = [];
  if (year !== undefined && !calendarYearSchema.safeParse(year).success) {
    errors.push({ path: "year", message: `must be a year from ${MIN_YEAR} to ${MAX_YEAR}` });
  }
  const seen = new Map<string, string>();
  for (const field of ["holidays", "workingDays"] as const) {
    parsed.data[field].forEach((date, i) => {
      const path = `${field}.${i}`;
      if (year !== undefined && yearOf(parseLocalDate(date)) !== year) errors.push({ path, message: `must be a date in ${year}` });
      const earlier = seen.get(date);
      if (earlier) errors.push({ path, message: `${date} is already listed at ${earlier}` });
      else seen.set(date, path);
    });
  }
  if (errors.length > 0) throw new ValidationError(errors, "The calendar adjustments are invalid.");
  return {
    holidays: [...parsed.data.holidays].sort(),
    workingDays: [...parsed.data.workingDays].sort(),
  };
}
