// The proof of work of POST /cases, solved while the citizen types: a challenge is fetched when the page
// loads and solved in a Web Worker (altcha-lib), so the answer is ready long before "Send" is pressed; a
// fresh one is fetched after a refusal, after a submission, and before the current one expires.
import { solveChallenge, solveChallengeWorkers } from "altcha-lib";
import type { Answer } from "#http/contract.ts";
import type { GetChallenge } from "#routes/get-challenge.ts";

type Challenge = Answer<typeof GetChallenge, 200>;

/** Renewed this long before the challenge's expiry, so a solution is never sent on its last seconds. */
const MARGIN_MS = 60_000;

interface Solved {
  /** base64 JSON { algorithm, challenge, number, salt, signature }: the X-Altcha header. */
  readonly payload: string;
  readonly expiresAt: number;
}

async function fetchAndSolve(): Promise<Solved | undefined> {
  try {
    const response = await fetch("/cases/challenge", { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return undefined;
    const challenge = (await response.json()) as Challenge;
    const solution =
      typeof Worker === "function"
        ? await solveChallengeWorkers("/altcha-worker.js", 1, challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber)
        : await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
    if (!solution) return undefined;
    const { algorithm, salt, signature } = challenge;
    const expires = Number(new URLSearchParams(salt.split("?")[1] ?? "").get("expires"));
    return { payload: btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number: solution.number, salt, signature })), expiresAt: expires * 1000 };
  } catch {
    return undefined; // offline, or a worker the browser refused: the next renew tries again
  }
}

export interface ProofOfWork {
  /** The current solution (waiting for it only if it is not ready yet), or undefined if none could be had. */
  solution(): Promise<string | undefined>;
  /** Forgets the current solution and starts on a fresh challenge. */
  renew(): void;
}

export function proofOfWork(): ProofOfWork {
  let current: Promise<Solved | undefined>;
  let timer: number | undefined;
  const renew = () => {
    window.clearTimeout(timer);
    current = fetchAndSolve();
    void current.then((solved) => {
      if (solved) timer = window.setTimeout(renew, Math.max(0, solved.expiresAt - Date.now() - MARGIN_MS));
    });
  };
  renew();
  return {
    renew,
    async solution() {
      let solved = await current;
      if (!solved || solved.expiresAt - Date.now() < MARGIN_MS) {
        renew();
        solved = await current;
      }
      return solved?.payload;
    },
  };
}
