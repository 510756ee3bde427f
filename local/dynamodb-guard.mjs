// Runs DynamoDB Local's java as its own child and ends it when the runtime goes away, however that
// happens: Ctrl-C, SIGTERM, an uncaught error or even SIGKILL closes the IPC channel to this guard.
// Plain JavaScript so that plain `node` starts it at once, without tsx.
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
if (!command || !process.send) {
  console.error("usage: node dynamodb-guard.mjs <command> [args...] (spawned with an IPC channel)");
  process.exit(2);
}
const java = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
java.once("spawn", () => process.send?.({ javaPid: java.pid }));
java.once("error", (err) => {
  console.error(`dynamodb-guard: ${err.message}`);
  process.exit(1);
});
java.once("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  java.kill("SIGTERM");
  setTimeout(() => java.kill("SIGKILL"), 5000);
}
process.on("disconnect", stop);
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, stop);
