// The WAF web ACL in front of CloudFront (scope CLOUDFRONT, so it lives in us-east-1): a coarse flood stop
// per IP before any request reaches the API, and AWS's common rules. The fine limits (per client, per
// window, without tracking) are the application's own (shared/domain/abuse.ts); these are generous on
// purpose, since a carrier-grade NAT address carries many citizens.
import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";

export interface EdgeWebAclProps {
  /** Requests per IP in 5 minutes, every path (pages included). */
  readonly requestsPerIp?: number;
  /** Requests per IP in 5 minutes to the public case routes (/cases…: submissions, challenges, tracking). */
  readonly caseRequestsPerIp?: number;
}

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

export class EdgeWebAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps = {}) {
    super(scope, id);
    this.acl = new wafv2.CfnWebACL(this, "Acl", {
      scope: "CLOUDFRONT",
      description: "Don thu - a flood stop per IP and the AWS common rules in front of the site and the API",
      defaultAction: { allow: {} },
      visibilityConfig: visibility("don-thu-edge"),
      rules: [
        {
          // 2,000 in 5 minutes: a whole commune behind one NAT address browsing the pages; a script is stopped.
          name: "RequestsPerIp",
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.requestsPerIp ?? 2000, aggregateKeyType: "IP", evaluationWindowSec: 300 } },
          visibilityConfig: visibility("don-thu-requests-per-ip"),
        },
        {
          // 300 in 5 minutes to /cases…: above what the application's own limits let through (20 submissions and
          // 60 look-ups in 10 minutes), so the WAF only cuts a flood the functions would otherwise have to refuse.
          name: "CaseRequestsPerIp",
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.caseRequestsPerIp ?? 300,
              aggregateKeyType: "IP",
              evaluationWindowSec: 300,
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: "STARTS_WITH",
                  searchString: "/cases",
                  textTransformations: [{ priority: 0, type: "NONE" }],
                },
              },
            },
          },
          visibilityConfig: visibility("don-thu-case-requests-per-ip"),
        },
        {
          name: "AwsCommonRules",
          priority: 2,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: "AWS",
              name: "AWSManagedRulesCommonRuleSet",
              // A citizen's letter may be 20,000 characters (some 60 KB of Vietnamese UTF-8): the 8 KB body rule only counts.
              ruleActionOverrides: [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility("don-thu-common-rules"),
        },
      ],
    });
  }
}
