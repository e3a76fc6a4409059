/**
 * The whole hook service for one stage: table, secret, one function per enabled hook behind
 * an HTTP API, the event hook pipeline, alarms and a dashboard, and the outputs a security
 * engineer types into Okta.
 */
import path from 'node:path';
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { EnvironmentVariable } from '../lambdas/shared/config/environment';
import type { ServiceConfig } from '../lambdas/shared/config/service-config';
import { inlineHookNames, type InlineHookName } from '../lambdas/shared/okta/hook-types';
import { SERVICE_NAME } from '../lambdas/shared/runtime/observability';
import { cdkBundlingFor } from './bundling';
import { DEFAULT_MEMORY_MB, effectiveConcurrency } from './function-settings';
import { EventPipeline } from './event-pipeline';
import { HookAlarms } from './hook-alarms';
import { HookApi } from './hook-api';
import { HookFunction } from './hook-function';
import { HookKey } from './hook-key';
import { HookSecret } from './hook-secret';
import { HookTable } from './hook-table';

export interface HookServiceStackProps extends StackProps {
  stage: string;
  config: ServiceConfig;
}

const entryOf = (directory: string) => path.join(__dirname, '..', 'lambdas', directory, 'handler.ts');
const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

const SYNC_NO_DLQ =
  'Okta calls this function synchronously through API Gateway and sees the answer; a dead-letter queue only applies to asynchronous invocations.';

export class HookServiceStack extends Stack {
  readonly functions = new Map<string, HookFunction>();
  readonly api: HookApi;
  readonly table: HookTable;
  readonly alarms: HookAlarms;

  constructor(scope: Construct, id: string, props: HookServiceStackProps) {
    super(scope, id, props);
    const { config, stage } = props;
    const { deployment } = config;
    const name = deployment.name ?? `okta-hooks-${stage}`;
    const production = deployment.production;
    const key = new HookKey(this, 'Key', { name, retain: production }).key;
    const dataKey: kms.IKey | undefined = (deployment.customerManagedKey ?? production) ? key : undefined;
    const metricsNamespace = `OktaHooks/${stage}`;

    this.table = new HookTable(this, 'Data', {
      name: `${name}-data`,
      production,
      deletionProtection: deployment.table.deletionProtection ?? production,
      backupPlan: deployment.table.backupPlan ?? production,
      ...(dataKey ? { encryptionKey: dataKey } : {}),
    });
    const { table } = this.table;

    // Event hooks always authenticate with the header secret, so it exists unless it lives in SSM.
    const secretSource = config.auth.mode === 'header' ? config.auth.secretSource : 'secrets-manager';
    const secretName = `${name}/okta-hook-secret`;
    const secret =
      secretSource === 'secrets-manager'
        ? new HookSecret(this, 'Secret', { name: secretName, retain: production, ...(dataKey ? { encryptionKey: dataKey } : {}) }).secret
        : undefined;
    const secretParameterArn = deployment.secretParameterName
      ? this.formatArn({ service: 'ssm', resource: 'parameter', resourceName: deployment.secretParameterName.replace(/^\//, '') })
      : undefined;
    const secretId = secret?.secretArn ?? deployment.secretParameterName ?? '';

    this.api = new HookApi(this, 'Http', {
      name,
      throttlingRateLimit: deployment.api.throttlingRateLimit,
      throttlingBurstLimit: deployment.api.throttlingBurstLimit,
      logRetentionDays: deployment.logRetentionDays,
      retainLogs: production,
      ...(dataKey ? { logKey: dataKey } : {}),
    });
    this.alarms = new HookAlarms(this, 'Alarms', {
      name,
      metricsNamespace,
      topicKey: key,
      p99DurationMs: deployment.alarms.p99DurationMs,
      refusedCallsPerMinute: deployment.alarms.refusedCallsPerMinute,
      ...(deployment.alarms.email ? { email: deployment.alarms.email } : {}),
    });

    const runtime = deployment.runtime === 'nodejs22.x' ? lambda.Runtime.NODEJS_22_X : lambda.Runtime.NODEJS_24_X;
    const bundling = cdkBundlingFor(config);
    const commonEnvironment: Record<string, string> = {
      [EnvironmentVariable.tableName]: table.tableName,
      [EnvironmentVariable.secretId]: secretId,
      POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      ...(deployment.sourceMapsAtRuntime ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
    };
    // Whole seconds: the smallest timeout above the runtime's deadline (2.5 s → 3 s).
    const hookTimeout = Duration.seconds(Math.ceil((config.runtime.deadlineMs + 100) / 1000));

    const makeFunction = (functionKey: string, description: string, timeout: Duration, noDlqReason: string, environment: Record<string, string> = {}) => {
      const { provisioned, reserved } = effectiveConcurrency(config, functionKey);
      const fn = new HookFunction(this, pascal(functionKey), {
        functionName: `${name}-${functionKey}`,
        entry: entryOf(functionKey),
        description,
        runtime,
        memoryMb: deployment.functions[functionKey]?.memoryMb ?? DEFAULT_MEMORY_MB[functionKey] ?? deployment.memoryMb,
        timeout,
        ...(reserved === undefined ? {} : { reservedConcurrency: reserved }),
        ...(provisioned ? { provisionedConcurrency: provisioned } : {}),
        tracing: deployment.tracing,
        logRetentionDays: deployment.logRetentionDays,
        retainLogs: production,
        ...(dataKey ? { logKey: dataKey } : {}),
        environment: { ...commonEnvironment, ...environment },
        bundling,
        noDeadLetterQueueReason: noDlqReason,
      });
      this.functions.set(functionKey, fn);
      return fn;
    };

    const tableArn = table.tableArn;
    const leadingKeys = (prefixes: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes } });
    const readUsers = (fn: HookFunction) => {
      fn.allow(['dynamodb:GetItem'], [tableArn]);
      fn.allow(['dynamodb:Query'], [this.table.oktaUserIdIndexArn]);
      fn.allowKey(dataKey, 'decrypt');
    };
    const readSecret = (fn: HookFunction) => {
      if (secret) {
        fn.allow(['secretsmanager:GetSecretValue'], [secret.secretArn]);
        fn.allowKey(secret.encryptionKey, 'decrypt');
      }
      if (secretParameterArn) fn.allow(['ssm:GetParameter'], [secretParameterArn]);
    };

    const grantsOf: Record<InlineHookName, (fn: HookFunction) => void> = {
      token: readUsers,
      registration: readUsers,
      saml: readUsers,
      'user-import': (fn) => {
        fn.allow(['dynamodb:GetItem'], [tableArn]);
        fn.allowKey(dataKey, 'decrypt');
      },
      'password-import': (fn) => {
        // Reads credentials and marks them migrated: user partitions only.
        fn.allow(['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tableArn], leadingKeys(['USER#*']));
        fn.allowKey(dataKey, 'encrypt-decrypt');
      },
      telephony: (fn) => {
        // Writes its own idempotency records only.
        fn.allow(['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'], [tableArn], leadingKeys(['IDEMPOTENCY#telephony#*']));
        fn.allowKey(dataKey, 'encrypt-decrypt');
        this.grantTelephonyProvider(fn, config);
      },
    };

    for (const hook of inlineHookNames) {
      if (!config.hooks[hook].enabled) continue;
      const fn = makeFunction(hook, `Okta ${hook} inline hook`, hookTimeout, SYNC_NO_DLQ);
      grantsOf[hook](fn);
      readSecret(fn);
      this.api.route(`/hooks/${hook}`, [apigwv2.HttpMethod.POST], fn.alias, `${pascal(hook)}Integration`);
      this.alarms.watchHook(hook, fn);
      const url = this.api.urlOf(`/hooks/${hook}`);
      new CfnOutput(this, `${pascal(hook)}HookUrl`, { value: url, description: `URL of the ${hook} inline hook` });
      new CfnOutput(this, `${pascal(hook)}OktaForm`, {
        description: `What to type into Okta's Add Inline Hook form for the ${hook} hook`,
        value: this.oktaFormOf(config, `${name}-${hook}`, url, secret ? secretName : (deployment.secretParameterName ?? '')),
      });
      if (deployment.functions[hook]?.functionUrl) {
        const functionUrl = fn.alias.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
        Validations.of(fn.alias).acknowledge({
          id: 'AwsSolutions-LAMBDA3',
          reason: 'Okta cannot sign requests with AWS credentials; the function authenticates every call itself (shared secret or OAuth 2.0).',
        });
        new CfnOutput(this, `${pascal(hook)}FunctionUrl`, { value: functionUrl.url, description: `Lambda function URL of the ${hook} hook` });
      }
    }

    if (config.events.enabled) {
      const consumerTimeout = Duration.seconds(30);
      const consumer = makeFunction(
        'event-consumer',
        'Processes Okta event hook events from the queue',
        consumerTimeout,
        'Failed events return to the SQS queue (partial batch responses), which has its own dead-letter queue.',
      );
      consumer.allow(
        ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        [tableArn],
        leadingKeys(['USER#*', 'IDEMPOTENCY#event-hook#*']),
      );
      consumer.allow(['dynamodb:Query'], [this.table.oktaUserIdIndexArn]);
      consumer.allowKey(dataKey, 'encrypt-decrypt');
      const pipeline = new EventPipeline(this, 'Events', { name, consumer, consumerTimeout, ...(dataKey ? { encryptionKey: dataKey } : {}) });

      const receiver = makeFunction('event-hook', 'Okta event hook endpoint: verification and deliveries', hookTimeout, SYNC_NO_DLQ, {
        [EnvironmentVariable.eventsQueueUrl]: pipeline.queue.queueUrl,
      });
      receiver.allow(['sqs:SendMessage'], [pipeline.queue.queueArn]);
      receiver.allowKey(dataKey, 'encrypt-decrypt');
      readSecret(receiver);
      this.api.route('/hooks/events', [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], receiver.alias, 'EventsIntegration');
      this.alarms.watchHook('event-hook', receiver);
      this.alarms.watchEventQueue(pipeline.deadLetterQueue, pipeline.queue);
      new CfnOutput(this, 'EventHookUrl', { value: this.api.urlOf('/hooks/events'), description: 'URL of the event hook (Okta verifies it with a GET)' });
    }
    this.alarms.watchApi(this.api.api);

    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url, description: 'Base URL of the hooks API' });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'DynamoDB table the hooks read (load it with npm run data:import)' });
    if (secret) {
      new CfnOutput(this, 'SecretName', { value: secretName, description: 'Secrets Manager secret holding the hook header value' });
      new CfnOutput(this, 'ReadSecretCommand', {
        value: `aws secretsmanager get-secret-value --secret-id ${secretName} --query SecretString --output text`,
        description: 'Prints the value to paste into Okta (do not store it anywhere else)',
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'SNS topic of every alarm' });
    new CfnOutput(this, 'DashboardName', { value: this.alarms.dashboard.dashboardName, description: 'CloudWatch dashboard' });
  }

  private oktaFormOf(config: ServiceConfig, hookName: string, url: string, secretName: string): string {
    if (config.auth.mode === 'oauth') {
      const scope = config.auth.requiredScopes.join(' ') || '(your custom scope)';
      return `Name: ${hookName} | URL: ${url} | Authentication type: OAuth 2.0 | Token URL: ${config.auth.issuer}/v1/token | Scope: ${scope} | Client: the API Services app ${config.auth.allowedClientIds.join(', ') || '(its client id)'}`;
    }
    return `Name: ${hookName} | URL: ${url} | Authentication type: HTTP headers | Authentication field: ${config.auth.headerName} | Authentication secret: the value of ${secretName} (see ReadSecretCommand)`;
  }

  private grantTelephonyProvider(fn: HookFunction, config: ServiceConfig): void {
    const identities = config.deployment.telephony.originationIdentityArns;
    if (config.hooks.telephony.provider === 'sns') {
      // Publishing to a phone number has no resource; NotResource keeps topics out of reach.
      fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }));
      return;
    }
    fn.allow(['sms-voice:SendTextMessage', 'sms-voice:SendVoiceMessage'], identities.length > 0 ? identities : ['*']);
    if (identities.length === 0) {
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'No origination identity ARNs are configured (deployment.telephony.originationIdentityArns), so the account default sender is used; set them to scope sending to those numbers and pools.',
      });
    }
  }
}
