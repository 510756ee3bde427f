// Loads a handler module once and invokes it like Lambda would: promise or callback, within a time limit.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Context, Handler } from "aws-lambda";

export type Outcome =
  | { readonly kind: "returned"; readonly value: unknown }
  | { readonly kind: "threw"; readonly error: unknown }
  | { readonly kind: "timedOut" };

export type LoadHandler = (entry: string) => Promise<Handler>;

/** Imports `entry` (relative to `root`) once; a failed import is retried on the next request. */
export function moduleLoader(root: string): LoadHandler {
  const cache = new Map<string, Promise<Handler>>();
  return (entry) => {
    let loading = cache.get(entry);
    if (!loading) {
      loading = import(pathToFileURL(resolve(root, entry)).href).then((mod: { handler?: unknown }) => {
        if (typeof mod.handler !== "function") throw new Error(`${entry} does not export a function named handler`);
        return mod.handler as Handler;
      });
      loading.catch(() => cache.delete(entry));
      cache.set(entry, loading);
    }
    return loading;
  };
}

export async function invoke(handler: Handler, event: unknown, context: Context, timeoutMs: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome>((ok) => (timer = setTimeout(() => ok({ kind: "timedOut" }), timeoutMs)));
  const ran = new Promise<unknown>((ok, fail) => {
    const callback = (error?: unknown, value?: unknown) => (error ? fail(error) : ok(value));
    const returned: unknown = handler(event, context, callback);
    if (returned && typeof (returned as PromiseLike<unknown>).then === "function") (returned as Promise<unknown>).then(ok, fail);
  }).then(
    (value): Outcome => ({ kind: "returned", value }),
    (error: unknown): Outcome => ({ kind: "threw", error }),
  );
  try {
    return await Promise.race([ran, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
