// The audit trail's own resources (shared/domain/audit.ts): a KMS HMAC key of its own, under which the
// functions that append case events MAC them (GenerateMac) and only the audit reader checks them
// (VerifyMac); and the append-only anchor store, an S3 bucket with Object Lock in compliance mode, where
// the Cases stream's anchor consumer, and only it, writes each chain head.
//
// Retention: 10 years in compliance mode. An anchor must outlive every look an inspection, an appeal or
// a court may take back at a case (years after it closed), and compliance mode means no one, not the
// account's root, can shorten it or delete an anchor early: that is what makes a rollback of the tables
// show. An anchor is a few hundred bytes, so ten years of them cost next to nothing.
import { Duration, Lazy, RemovalPolicy, Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import type { AuditAccess } from "#routes";
import { ANCHOR_BUCKET_ENV } from "#adapters/anchor-store.ts";
import { AUDIT_KEY_ENV } from "#adapters/audit-keys.ts";
import type { ProjectFunction } from "./project-function.ts";

export const ANCHOR_RETENTION = Duration.days(3650);
const ANCHOR_PREFIX = "cases/";

export class AuditTrail extends Construct {
  readonly key: kms.Key;
  readonly anchors: s3.Bucket;
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new kms.Key(this, "Key", {
      description: "HMAC of the case events' audit chain: writers MAC events, only the audit reader verifies",
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      // Every MAC in the tables was made under it: a deleted key would leave no chain verifiable.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    Validations.of(this.key).acknowledge({
      id: "AwsSolutions-KMS5",
      reason: "An HMAC key: KMS rotates only symmetric encryption keys; a new audit key would be a new chain version (macVersion), not a rotation.",
    });

    this.accessLogs = new s3.Bucket(this, "AnchorAccessLogs", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: "AwsSolutions-S1",
      reason: "This is the access-log bucket of the anchor bucket; logging it into itself would loop and nothing else reads it.",
    });

    this.anchors = new s3.Bucket(this, "Anchors", {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(ANCHOR_RETENTION),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: "anchors/",
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // No one deletes an anchor, nor hides one behind a delete marker, and only the anchor consumer writes.
    this.anchors.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutLifecycleConfiguration", "s3:BypassGovernanceRetention"],
        resources: [this.anchors.bucketArn, this.anchors.arnForObjects("*")],
      }),
    );
    this.writersOnly();
  }

  /** The roles bound with `anchor`: everyone else is denied writing, whatever their identity policy says (one statement: several would deny each other). */
  private readonly anchorWriters: string[] = [];
  private writersOnly(): void {
    this.anchors.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ["s3:PutObject", "s3:PutObjectRetention", "s3:PutObjectLegalHold"],
        resources: [this.anchors.arnForObjects("*")],
        conditions: { ArnNotEquals: { "aws:PrincipalArn": Lazy.list({ produce: () => this.anchorWriters }) } },
      }),
    );
  }

  /** Binds a function to the audit chain as the manifest says (AuditAccess). */
  bind(fn: ProjectFunction, access: AuditAccess): void {
    if (access === "sign") {
      fn.function.addEnvironment(AUDIT_KEY_ENV, this.key.keyArn);
      this.key.grant(fn.function, "kms:GenerateMac");
    } else if (access === "verify") {
      fn.function.addEnvironment(AUDIT_KEY_ENV, this.key.keyArn);
      this.key.grant(fn.function, "kms:VerifyMac");
      fn.function.addEnvironment(ANCHOR_BUCKET_ENV, this.anchors.bucketName);
      // Versions, not only the current objects: a delete marker (denied anyway) would hide nothing.
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ["s3:ListBucket", "s3:ListBucketVersions"],
          resources: [this.anchors.bucketArn],
          conditions: { StringLike: { "s3:prefix": [`${ANCHOR_PREFIX}*`] } },
        }),
      );
    } else {
      fn.function.addEnvironment(ANCHOR_BUCKET_ENV, this.anchors.bucketName);
      fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: [this.anchors.arnForObjects(`${ANCHOR_PREFIX}*`)] }));
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.anchors.node.defaultChild as s3.CfnBucket)}.Arn>/${ANCHOR_PREFIX}*]`,
        reason: "The anchor consumer writes one object per chain head under cases/<caseId>/, named when the event is written; it may not read, replace a locked version, or delete.",
      });
      this.anchorWriters.push(fn.role.roleArn);
    }
  }
}
