// One DynamoDB table built from its entry in shared/tables.ts: keys, indexes, stream and TTL come from
// the definition; durability (PITR, deletion protection, RETAIN) and encryption are the same for all.
import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import type { KeyAttribute, TableDefinition, TableKey } from "#tables";

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === "N" ? dynamodb.AttributeType.NUMBER : dynamodb.AttributeType.STRING,
});

export class ProjectTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(
    scope: Construct,
    readonly key: TableKey,
    readonly definition: TableDefinition,
  ) {
    super(scope, definition.logicalName);
    this.table = new dynamodb.TableV2(this, "Table", {
      partitionKey: attribute(definition.partitionKey),
      sortKey: definition.sortKey && attribute(definition.sortKey),
      globalSecondaryIndexes: definition.indexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey && attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType[index.projection],
      })),
      dynamoStream: definition.stream && dynamodb.StreamViewType[definition.stream],
      timeToLiveAttribute: definition.timeToLiveAttribute,
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // AWS-managed key (aws/dynamodb): every use is in CloudTrail and no key policy of ours can lock the
      // retained data away. The secrets that need more (idempotency replays holding an access key) are
      // already sealed by the application under its own customer-managed key before they reach a table.
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
    });
  }
}
