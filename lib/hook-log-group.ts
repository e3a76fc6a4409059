/**
 * A log group for the service: the stage's retention, RETAIN or DESTROY with the stage, and the
 * stage's customer-managed key when it has one. Without one, CloudWatch Logs still encrypts at
 * rest with its service key, and the HIPAA finding is acknowledged with what the group holds.
 */
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export interface HookLogGroupProps {
  logGroupName: string;
  retentionDays: number;
  retain: boolean;
  key?: kms.IKey;
  /** What the group holds, for the acknowledgement when there is no customer-managed key. */
  contents: string;
}

export const hookLogGroup = (scope: Construct, id: string, props: HookLogGroupProps): logs.LogGroup => {
  const logGroup = new logs.LogGroup(scope, id, {
    logGroupName: props.logGroupName,
    retention: props.retentionDays as logs.RetentionDays,
    removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    ...(props.key ? { encryptionKey: props.key } : {}),
  });
  if (!props.key) {
    Validations.of(logGroup).acknowledge({
      id: 'HIPAA.Security-CloudWatchLogGroupEncrypted',
      reason: `CloudWatch Logs encrypts at rest with a service key; this stage does not ask for a customer-managed key (deployment.customerManagedKey). ${props.contents}`,
    });
  }
  return logGroup;
};
