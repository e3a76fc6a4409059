/**
 * One construct for every hook function: arm64 on a current Node.js runtime, esbuild bundle,
 * its own log group with retention, its own least-privilege role, and an alias (`live`) that
 * the API integrates, with provisioned concurrency and utilisation-based auto scaling when
 * the stage asks for it.
 */
import { Stack, Validations, type CfnElement, type Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { hookLogGroup } from './hook-log-group';
import type { ProvisionedConcurrencySettings } from '../lambdas/shared/config/deployment-settings';

export interface HookFunctionProps {
  functionName: string;
  entry: string;
  description: string;
  runtime: lambda.Runtime;
  memoryMb: number;
  timeout: Duration;
  reservedConcurrency?: number;
  provisionedConcurrency?: ProvisionedConcurrencySettings;
  tracing: boolean;
  logRetentionDays: number;
  logKey?: kms.IKey;
  retainLogs: boolean;
  environment: Record<string, string>;
  bundling: nodejs.BundlingOptions;
  /** Why this function has no dead-letter queue (synchronous callers get the error directly). */
  noDeadLetterQueueReason: string;
}

export class HookFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly alias: lambda.Alias;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly provisioned: boolean;

  constructor(scope: Construct, id: string, props: HookFunctionProps) {
    super(scope, id);

    this.logGroup = hookLogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retentionDays: props.logRetentionDays,
      retain: props.retainLogs,
      ...(props.logKey ? { key: props.logKey } : {}),
      contents: 'Logs are masked: no passwords, OTPs, secrets, tokens or phone numbers.',
    });

    // A role of its own, without the AWS managed basic-execution policy: it may write to this log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.functionName}`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${this.logGroup.logGroupArn}:*`],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      entry: props.entry,
      handler: 'handler',
      runtime: props.runtime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      environment: props.environment,
      bundling: props.bundling,
      ...(props.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
    });

    this.provisioned = props.provisionedConcurrency !== undefined;
    const provisioned = props.provisionedConcurrency;
    this.alias = new lambda.Alias(this, 'Live', {
      aliasName: 'live',
      version: this.function.currentVersion,
      ...(provisioned ? { provisionedConcurrentExecutions: provisioned.min } : {}),
    });
    if (provisioned) {
      const scaling = this.alias.addAutoScaling({ minCapacity: provisioned.min, maxCapacity: Math.max(provisioned.min, provisioned.max) });
      scaling.scaleOnUtilization({ utilizationTarget: provisioned.targetUtilization });
      for (const peak of provisioned.schedules) {
        scaling.scaleOnSchedule(peak.name, {
          schedule: appscaling.Schedule.expression(peak.schedule),
          minCapacity: peak.min,
          maxCapacity: Math.max(peak.min, peak.max),
        });
      }
    }

    // Log streams are created per instance, so the log group's streams can only be named by wildcard.
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.logGroup.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason: 'Lambda creates one log stream per instance; the wildcard covers the streams of this function’s own log group only.',
    });
    if (props.tracing) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments and PutTelemetryRecords have no resource-level permissions.',
      });
    }
    Validations.of(this.role).acknowledge({
      id: 'HIPAA.Security-IAMNoInlinePolicy',
      reason: 'Each function has a role of its own whose policy grants that function alone its narrow permissions; the policy lives and dies with the role instead of being shared.',
    });
    if (props.reservedConcurrency === undefined) {
      Validations.of(this.function).acknowledge({
        id: 'HIPAA.Security-LambdaConcurrency',
        reason: 'No reserved concurrency outside production by default: new AWS accounts may have a total quota of 10, which any reservation would break. Set deployment.reservedConcurrency to cap it.',
      });
    }
    Validations.of(this.function).acknowledge({ id: 'Serverless-LambdaDLQ', reason: props.noDeadLetterQueueReason });
    Validations.of(this.function).acknowledge({ id: 'HIPAA.Security-LambdaDLQ', reason: props.noDeadLetterQueueReason });
    Validations.of(this.function).acknowledge({
      id: 'HIPAA.Security-LambdaInsideVPC',
      reason: 'The functions reach only AWS APIs (DynamoDB, Secrets Manager, SQS, SMS); a VPC adds cold-start and NAT cost without reducing exposure. Optional network controls are in docs/SECURITY.md.',
    });
  }

  /** Lets the function use a KMS key: decrypt only, or also encrypt new data. */
  allowKey(key: kms.IKey | undefined, mode: 'decrypt' | 'encrypt-decrypt'): void {
    if (!key) return;
    const actions = mode === 'decrypt' ? ['kms:Decrypt', 'kms:DescribeKey'] : ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];
    this.allow(actions, [key.keyArn]);
  }

  /** Lets the function (all versions, so also the alias) do `actions` on `resources`. */
  allow(actions: string[], resources: string[], conditions?: Record<string, unknown>): void {
    this.role.addToPolicy(new iam.PolicyStatement({ actions, resources, ...(conditions ? { conditions } : {}) }));
  }
}
