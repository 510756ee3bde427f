// Fault injection for tests: an SDK middleware on the handlers' DynamoDB client (the composition root's,
// whose stack the document client shares) that fails the next calls matching a fault, either before the
// call reaches DynamoDB or after DynamoDB has done it and answered (the answer is then lost, as when a
// connection drops). Outside the SDK's retries by default (the handler sees the failure); `insideRetries`
// puts it under them, where the SDK resends the very same request.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { dynamoClient } from "#adapters/context.ts";

export interface Fault {
  /** The SDK command's name, e.g. `TransactWriteItemsCommand`, `GetItemCommand`, `QueryCommand`. */
  readonly command: string;
  /** Only calls that touch this table (its physical name). */
  readonly table?: string;
  /** Before the call is sent (it never reaches DynamoDB), or after DynamoDB answered, whatever it answered (the answer is lost). */
  readonly at: "before" | "after";
  /** What the caller sees; a reset connection by default. */
  readonly error?: () => Error;
  /** Under the SDK's retry middleware instead of above it. */
  readonly insideRetries?: boolean;
}

export interface FaultInjector {
  /** Fails the next `times` calls that match. */
  fail(fault: Fault, times?: number): void;
  /** The faults that fired, in order. */
  readonly fired: Fault[];
  /** Faults armed and not fired yet. */
  pending(): number;
  /** Disarms what is left. */
  clear(): void;
  remove(): void;
}

// The little of the SDK's middleware types this needs.
interface HandlerExecutionContext {
  readonly commandName?: string;
}
interface HandlerArguments {
  readonly input: object;
}
type Handler = (args: HandlerArguments) => Promise<unknown>;
type Middleware = (next: Handler, context: HandlerExecutionContext) => Handler;

export const connectionReset = (): Error => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

/** The tables a command's input names. */
function tablesOf(input: Record<string, unknown>): string[] {
  const names: string[] = [];
  if (typeof input.TableName === "string") names.push(input.TableName);
  for (const item of (input.TransactItems as Record<string, { TableName?: string }>[] | undefined) ?? []) {
    for (const op of Object.values(item)) if (op?.TableName) names.push(op.TableName);
  }
  if (input.RequestItems && typeof input.RequestItems === "object") names.push(...Object.keys(input.RequestItems));
  return names;
}

export function injectFaults(client: DynamoDBClient = dynamoClient()): FaultInjector {
  const armed: { fault: Fault; left: number }[] = [];
  const fired: Fault[] = [];
  const take = (context: HandlerExecutionContext, input: Record<string, unknown>, inside: boolean, at: Fault["at"]) => {
    const entry = armed.find(
      ({ fault, left }) =>
        left > 0 && fault.at === at && Boolean(fault.insideRetries) === inside && fault.command === context.commandName && (!fault.table || tablesOf(input).includes(fault.table)),
    );
    if (!entry) return undefined;
    entry.left--;
    fired.push(entry.fault);
    return (entry.fault.error ?? connectionReset)();
  };
  const middleware = (inside: boolean) =>
    ((next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const before = take(context, input, inside, "before");
      if (before) throw before;
      // Whatever DynamoDB answered (an output, or an error such as a cancelled transaction), it is lost.
      const answered = await next(args).then(
        (output) => ({ output }),
        (error: unknown) => ({ error }),
      );
      const after = take(context, input, inside, "after");
      if (after) throw after;
      if ("error" in answered) throw answered.error;
      return answered.output;
    }) satisfies Middleware;
  const stack = client.middlewareStack;
  // The SDK's stack is typed per step; these two only read the input and pass the output through.
  stack.add(middleware(false) as never, { step: "initialize", name: "testFaultsAboveRetries", priority: "high" });
  // The deserialize step runs within each attempt of the retry middleware (finalizeRequest).
  stack.add(middleware(true) as never, { step: "deserialize", name: "testFaultsUnderRetries", priority: "high" });
  return {
    fail: (fault, times = 1) => void armed.push({ fault, left: times }),
    fired,
    pending: () => armed.reduce((n, a) => n + a.left, 0),
    clear: () => void armed.splice(0),
    remove: () => {
      stack.remove("testFaultsAboveRetries");
      stack.remove("testFaultsUnderRetries");
    },
  };
}
