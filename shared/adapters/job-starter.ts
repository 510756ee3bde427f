// The JobStarter: on AWS an asynchronous invocation (InvocationType Event) of the worker function; in the
// local runtime (no function to invoke) the worker in this process, left running after the answer.
import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { JobStarter } from "#domain/ports.ts";

export class LambdaJobStarter implements JobStarter {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionName: string,
  ) {}

  async start(jobId: string): Promise<void> {
    await this.lambda.send(new InvokeCommand({ FunctionName: this.functionName, InvocationType: "Event", Payload: JSON.stringify({ jobId }) }));
  }
}

export class InProcessJobStarter implements JobStarter {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly run: (jobId: string) => Promise<unknown>,
    private readonly onError: (jobId: string, err: unknown) => void,
  ) {}

  async start(jobId: string): Promise<void> {
    // The run starts once the caller has answered: a macrotask later, as an asynchronous invocation would.
    const run: Promise<void> = new Promise<void>((ok) => setImmediate(ok))
      .then(() => this.run(jobId))
      .then(
        () => {},
        (err: unknown) => this.onError(jobId, err),
      )
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Resolves once no run is left, including the runs those runs started. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
