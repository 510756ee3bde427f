// The working calendar of Vietnam: lunar dates, computed holidays, official adjustments.
export {
  Calendar,
  type NonWorkingReason,
  type NonWorkingCode,
  type DateInput,
  type DeclaredWorkingCode,
  type DeclaredWorkingReason,
  type DeclaredWorkingDay,
} from "./calendar.ts";
export {
  calendarAdjustmentsSchema,
  calendarYearSchema,
  localDateSchema,
  parseCalendarAdjustments,
  MIN_YEAR,
  MAX_YEAR,
  type CalendarAdjustments,
} from "./adjustments.ts";
export { computedHolidays, holidayCodes, type HolidayCode, type ComputedHoliday } from "./holidays.ts";
export { officialCalendar, officialAdjustments, type OfficialEntry, type OfficialYear } from "./official.ts";
export { lunarNewYear, lunarToSolar, solarToLunar, VIETNAM_TIME_ZONE_HOURS, type LunarDate } from "./lunar.ts";
export {
  TIME_ZONE,
  epochDayOf,
  endOfLocalDay,
  formatLocalDate,
  localDayOfInstant,
  parseLocalDate,
  weekdayOf,
  type EpochDay,
} from "./local-date.ts";
