// Functions that invoke functions of the manifest asynchronously (`invokes`): PUT calendar / policy start the
// recompute worker, and the worker starts its own next run. Each is told the target's name (functionEnvVar) and
// may invoke that one function, unqualified, and nothing else. A function invoking itself learns its name from
// Lambda (AWS_LAMBDA_FUNCTION_NAME), and its grant is a policy of its own beside the role's default one: the
// function does not depend on that policy, so naming its own ARN there makes no cycle.
import * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { functionEnvVar } from "#routes";
import type { ProjectFunction } from "./project-function.ts";

export interface Invoker {
  readonly name: string;
  readonly invokes?: readonly string[] | undefined;
}

export function bindInvocations(scope: Construct, invokers: readonly Invoker[], functions: ReadonlyMap<string, ProjectFunction>): void {
  for (const invoker of invokers) {
    const fn = functions.get(invoker.name);
    for (const targetName of invoker.invokes ?? []) {
      const target = functions.get(targetName);
      if (!fn || !target) throw new Error(`${invoker.name} invokes ${targetName}, which the manifest does not declare`);
      const statement = new iam.PolicyStatement({ actions: ["lambda:InvokeFunction"], resources: [target.function.functionArn] });
      if (target === fn) {
        new iam.Policy(scope, `${invoker.name}InvokesItself`, { statements: [statement], roles: [fn.role] });
      } else {
        fn.function.addEnvironment(functionEnvVar(targetName), target.function.functionName);
        fn.role.addToPrincipalPolicy(statement);
      }
    }
  }
}
