// The Web Worker that solves the proof of work of a submission (altcha-lib's own solver), off the page's
// thread so typing never stutters; web/src/lib/proof-of-work.ts starts it.
import "altcha-lib/worker";
