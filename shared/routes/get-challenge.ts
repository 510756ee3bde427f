// GET /cases/challenge: a proof-of-work challenge for one submission (altcha), which POST /cases needs solved.
import { z } from "zod";
import { challengeSchema } from "#domain/abuse.ts";
import { answer } from "#http/contract.ts";
import { defineRoute } from "./route.ts";

export const GetChallenge = defineRoute({
  name: "GetChallenge",
  method: "GET",
  path: "/cases/challenge",
  entry: "functions/get-challenge.ts",
  auth: "public",
  tables: {},
  abuseKeys: true,
  summary:
    "A proof-of-work challenge (altcha, SHA-256) for one submission: find `number` (0 to `maxnumber`) such that SHA-256(salt + number) is `challenge`, " +
    "then send base64(JSON { algorithm, challenge, number, salt, signature }) in POST /cases's `X-Altcha` header. It expires after 10 minutes and is used once",
  tags: ["public"],
  responses: {
    200: answer("A fresh challenge, never cached", challengeSchema, z.object({ "Cache-Control": z.literal("no-store") })),
  },
});
