/**
 * The hook table (single-table design, `lambdas/shared/stores/table-schema.ts`): on-demand,
 * point-in-time recovery, TTL for idempotency records, and in production deletion protection,
 * RETAIN and an AWS Backup plan.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { hookTableSchema } from '../lambdas/shared/stores/table-schema';

export interface HookTableProps {
  name: string;
  production: boolean;
  deletionProtection: boolean;
  backupPlan: boolean;
  /** A customer-managed key; the AWS-owned key when absent. */
  encryptionKey?: kms.IKey;
}

export class HookTable extends Construct {
  readonly table: dynamodb.Table;
  readonly oktaUserIdIndexArn: string;

  constructor(scope: Construct, id: string, props: HookTableProps) {
    super(scope, id);
    const { partitionKey, sortKey, oktaUserIdIndex, timeToLiveAttribute } = hookTableSchema;
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: props.name,
      partitionKey: { name: partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      timeToLiveAttribute,
      ...(props.encryptionKey
        ? { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.encryptionKey }
        : { encryption: dynamodb.TableEncryption.DEFAULT }),
    });
    this.table.addGlobalSecondaryIndex({
      indexName: oktaUserIdIndex.name,
      partitionKey: { name: oktaUserIdIndex.partitionKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
    this.oktaUserIdIndexArn = `${this.table.tableArn}/index/${oktaUserIdIndex.name}`;

    if (props.backupPlan) {
      const plan = backup.BackupPlan.daily35DayRetention(this, 'Backup');
      const selection = plan.addSelection('Table', { resources: [backup.BackupResource.fromDynamoDbTable(this.table)] });
      Validations.of(selection).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason: 'AWS Backup’s own service-role policy, maintained by AWS for exactly this role: backing up the table.',
      });
    } else {
      Validations.of(this.table).acknowledge({
        id: 'HIPAA.Security-DynamoDBInBackupPlan',
        reason: 'This stage keeps no AWS Backup plan (deployment.table.backupPlan is off, the default outside production); point-in-time recovery covers the last 35 days.',
      });
    }
  }
}
