// The one way tests solve the proof of work of POST /cases: fetch a challenge, find its number with
// altcha-lib's own solver (as the citizen's browser does), and encode the X-Altcha payload.
import { solveChallenge } from "altcha-lib";
import type { Challenge } from "#domain/abuse.ts";

/** base64 JSON { algorithm, challenge, number, salt, signature }: what POST /cases reads in X-Altcha. */
export async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error("the challenge has no solution within its maxnumber");
  const { algorithm, salt, signature } = challenge;
  return Buffer.from(JSON.stringify({ algorithm, challenge: challenge.challenge, number: solution.number, salt, signature })).toString("base64");
}

/** A fresh challenge of the product at `baseUrl`, solved. */
export async function solvedChallenge(baseUrl: string, init?: RequestInit): Promise<string> {
  const res = await fetch(`${baseUrl}/cases/challenge`, init);
  if (res.status !== 200) throw new Error(`GET /cases/challenge answered ${res.status}: ${await res.text()}`);
  return solve((await res.json()) as Challenge);
}

/** Whether a request to `method path` must carry a solution, and carries none yet (an explicit X-Altcha, even empty, is left alone). */
export const needsSolution = (method: string, path: string, headers: Record<string, string>): boolean =>
  method === "POST" && path === "/cases" && !Object.keys(headers).some((name) => name.toLowerCase() === "x-altcha");

/** What the test processes configure: a tiny cost, and limits no ordinary test reaches (the flood test sets its own). */
export const testAbuseEnv = {
  CHALLENGE_MAX_NUMBER: "1000",
  LIMITS_SUBMIT: "1000000/600",
  LIMITS_TRACK: "1000000/600",
} as const;
