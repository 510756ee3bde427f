// The us-east-1 stack of a deployment in another region: only the CLOUDFRONT-scope web ACL, which AWS WAF
// keeps in us-east-1. Its WebAclArn output is given to DonThuStack as -c webAclArn=….
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { EdgeWebAcl } from "./edge-acl.ts";

export class DonThuEdgeStack extends Stack {
  readonly edgeAcl: EdgeWebAcl;
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { description: "Don thu: the CloudFront web ACL (us-east-1)", ...props });
    this.edgeAcl = new EdgeWebAcl(this, "EdgeAcl");
    new CfnOutput(this, "WebAclArn", { description: "Give it to DonThuStack as -c webAclArn=…", value: this.edgeAcl.acl.attrArn });
  }
}
