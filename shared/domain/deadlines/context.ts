// The default deadline context: the default policy and the computed calendar with the shipped
// official adjustments. Built once; callers with admin-edited data build their own.
import { Calendar } from "../calendar/calendar.ts";
import { officialAdjustments } from "../calendar/official.ts";
import { defaultPolicy } from "./default-policy.ts";
import type { DeadlineContext } from "./deadlines.ts";

let cached: DeadlineContext | undefined;

export function defaultDeadlineContext(): DeadlineContext {
  return (cached ??= { policy: defaultPolicy(), calendar: new Calendar(officialAdjustments()) });
}
