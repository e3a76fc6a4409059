import { Match } from 'aws-cdk-lib/assertions';
import { inlineHookNames } from '../../lambdas/shared/okta/hook-types';
import { buildStack, deployableConfig, type BuiltStack } from '../support/stacks';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }>;
type Statement = { Action: string | string[]; Resource?: unknown; NotResource?: unknown; Condition?: unknown; Effect: string };

let dev: BuiltStack;
let prod: BuiltStack;

beforeAll(() => {
  dev = buildStack('dev');
  prod = buildStack('prod');
});

const resourcesOf = (built: BuiltStack, type: string): Resources => built.template.findResources(type) as Resources;
const statementsOf = (built: BuiltStack): { policy: string; statement: Statement }[] =>
  Object.entries(resourcesOf(built, 'AWS::IAM::Policy')).flatMap(([policy, resource]) =>
    ((resource.Properties?.PolicyDocument as { Statement: Statement[] }).Statement ?? []).map((statement) => ({ policy, statement })),
  );
const actionsOf = (statement: Statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]);
const tableLogicalId = (built: BuiltStack) => Object.keys(resourcesOf(built, 'AWS::DynamoDB::Table'))[0] ?? '';
const mentions = (value: unknown, logicalId: string) => JSON.stringify(value).includes(`"${logicalId}"`);

describe.each([
  ['dev', () => dev],
  ['prod', () => prod],
])('the %s stack', (_stage, built) => {
  it('runs every function on arm64 and a current Node.js runtime', () => {
    const functions = Object.values(resourcesOf(built(), 'AWS::Lambda::Function'));
    expect(functions).toHaveLength(8);
    for (const fn of functions) {
      expect(fn.Properties?.Architectures).toEqual(['arm64']);
      expect(['nodejs22.x', 'nodejs24.x']).toContain(fn.Properties?.Runtime);
      expect(fn.Properties?.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('gives inline hooks a 3 s timeout, above the 2.5 s deadline', () => {
    const timeouts = Object.values(resourcesOf(built(), 'AWS::Lambda::Function')).map((fn) => fn.Properties?.Timeout);
    expect(timeouts.filter((timeout) => timeout === 3)).toHaveLength(7);
    expect(timeouts).toContain(30);
  });

  it('has a route for every hook, each integrating an alias', () => {
    const routes = Object.values(resourcesOf(built(), 'AWS::ApiGatewayV2::Route')).map((route) => route.Properties?.RouteKey);
    expect(routes.sort()).toEqual([...inlineHookNames.map((hook) => `POST /hooks/${hook}`), 'GET /hooks/events', 'POST /hooks/events'].sort());
    for (const integration of Object.values(resourcesOf(built(), 'AWS::ApiGatewayV2::Integration'))) {
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', TimeoutInMillis: 2900 });
      // The alias ARN, never the function's $LATEST.
      expect(JSON.stringify(integration.Properties?.IntegrationUri)).toMatch(/Live/);
    }
  });

  it('logs API access as JSON without any request header', () => {
    built().template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
      AccessLogSettings: { Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
    const format = JSON.stringify(Object.values(resourcesOf(built(), 'AWS::ApiGatewayV2::Stage'))[0]?.Properties?.AccessLogSettings);
    expect(format.toLowerCase()).not.toContain('authorization');
    expect(format).not.toContain('header');
  });

  it('keeps the table on demand, with point-in-time recovery, TTL and the Okta id index', () => {
    built().template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' })],
    });
  });

  it('has no IAM statement with a wildcard action, and none with a wildcard resource on the table', () => {
    const table = tableLogicalId(built());
    for (const { statement } of statementsOf(built())) {
      for (const action of actionsOf(statement)) expect(action).not.toMatch(/(^\*$|:\*$)/);
      const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
      if (actionsOf(statement).some((action) => action.startsWith('dynamodb:'))) {
        expect(resources).not.toContain('*');
        expect(mentions(resources, table)).toBe(true);
      }
    }
  });

  it('lets lookup hooks only read the table, and writers only write their own partitions', () => {
    const table = tableLogicalId(built());
    const dynamoActionsOf = (role: string) =>
      statementsOf(built())
        .filter(({ policy, statement }) => policy.startsWith(role) && mentions(statement.Resource, table))
        .map(({ statement }) => ({ actions: actionsOf(statement).sort(), condition: statement.Condition }));
    for (const reader of ['Token', 'Registration', 'Saml']) {
      expect(dynamoActionsOf(reader).flatMap(({ actions }) => actions).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    }
    expect(dynamoActionsOf('UserImport')).toEqual([{ actions: ['dynamodb:GetItem'], condition: undefined }]);
    expect(dynamoActionsOf('PasswordImport')).toEqual([
      { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['USER#*'] } } },
    ]);
    expect(dynamoActionsOf('Telephony')).toEqual([
      {
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['IDEMPOTENCY#telephony#*'] } },
      },
    ]);
  });

  it('generates the hook secret at deploy time; its value is nowhere in the template', () => {
    built().template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
    });
    for (const secret of Object.values(resourcesOf(built(), 'AWS::SecretsManager::Secret'))) {
      expect(secret.Properties).not.toHaveProperty('SecretString');
    }
  });

  it('raises alarms for every hook, the API and the event dead letters, to an encrypted topic', () => {
    const names = Object.values(resourcesOf(built(), 'AWS::CloudWatch::Alarm')).map((alarm) => String(alarm.Properties?.AlarmName));
    for (const hook of [...inlineHookNames, 'event-hook']) {
      for (const kind of ['p99-duration', 'errors', 'throttles', 'deadline-hits', 'contract-rejections', 'refused-calls']) {
        expect(names).toContain(`okta-hooks-${_stage}-${hook}-${kind}`);
      }
    }
    expect(names).toEqual(expect.arrayContaining([`okta-hooks-${_stage}-api-5xx`, `okta-hooks-${_stage}-events-dead-letters`]));
    built().template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    built().template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `okta-hooks-${_stage}-token-deadline-hits`,
      Namespace: `OktaHooks/${_stage}`,
      MetricName: 'DeadlineHit',
      Dimensions: Match.arrayWith([{ Name: 'hook', Value: 'token' }, { Name: 'service', Value: 'okta-hooks' }]),
    });
    // Failed authentication and source refusals together, above the configured rate.
    built().template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `okta-hooks-${_stage}-token-refused-calls`,
      Threshold: 10,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(auth, 0) + FILL(source, 0)' }),
        Match.objectLike({ Id: 'auth', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'AuthFailure' }) }) }),
        Match.objectLike({ Id: 'source', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'SourceRefused' }) }) }),
      ]),
    });
    built().template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('processes events from a FIFO queue with a dead-letter queue and partial batch responses', () => {
    built().template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: false,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
    });
    built().template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('outputs each hook URL, the Okta form values, the secret and the table', () => {
    const outputs = Object.keys(built().template.findOutputs('*'));
    for (const hook of ['Token', 'Registration', 'Saml', 'PasswordImport', 'UserImport', 'Telephony']) {
      expect(outputs).toEqual(expect.arrayContaining([`${hook}HookUrl`, `${hook}OktaForm`]));
    }
    expect(outputs).toEqual(expect.arrayContaining(['EventHookUrl', 'SecretName', 'ReadSecretCommand', 'TableName', 'AlarmTopicArn', 'DashboardName']));
    built().template.hasOutput('TokenOktaForm', {
      Value: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('Authentication field: Authorization')])]) }),
    });
  });
});

describe('production defaults', () => {
  it('puts every inline hook alias behind provisioned concurrency with utilisation scaling', () => {
    const aliases = Object.entries(prod.template.findResources('AWS::Lambda::Alias'));
    const provisioned = aliases.filter(([, alias]) => (alias as { Properties: Record<string, unknown> }).Properties.ProvisionedConcurrencyConfig);
    expect(provisioned.map(([id]) => id.replace(/Live.*/, '')).sort()).toEqual(
      ['EventHook', 'PasswordImport', 'Registration', 'Saml', 'Telephony', 'Token', 'UserImport'].sort(),
    );
    prod.template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 7);
    prod.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'LambdaProvisionedConcurrencyUtilization' },
        TargetValue: 0.7,
      },
    });
    prod.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ScalableDimension: 'lambda:function:ProvisionedConcurrency',
      ScheduledActions: Match.arrayWith([Match.objectLike({ Schedule: 'cron(30 6 ? * MON-FRI *)', ScalableTargetAction: { MinCapacity: 10, MaxCapacity: 40 } })]),
    });
  });

  it('protects and retains the table, encrypts it with the stack key, and backs it up', () => {
    prod.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true, SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }) }),
    });
    prod.template.resourceCountIs('AWS::Backup::BackupPlan', 1);
  });

  it('reserves concurrency per function', () => {
    for (const fn of Object.values(resourcesOf(prod, 'AWS::Lambda::Function'))) expect(fn.Properties?.ReservedConcurrentExecutions).toBe(100);
  });
});

describe('dev defaults', () => {
  it('has no provisioned concurrency, no deletion protection, and deletes the table with the stack', () => {
    dev.template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    for (const alias of Object.values(resourcesOf(dev, 'AWS::Lambda::Alias'))) expect(alias.Properties?.ProvisionedConcurrencyConfig).toBeUndefined();
    dev.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ DeletionProtectionEnabled: false }) });
    dev.template.resourceCountIs('AWS::Backup::BackupPlan', 0);
  });
});

describe('configuration choices', () => {
  it('leaves out disabled hooks and adds function URLs on request', () => {
    const { template } = buildStack(
      'custom',
      deployableConfig({
        hooks: { telephony: { enabled: false }, 'user-import': { enabled: false } },
        deployment: { functions: { token: { functionUrl: true, memoryMb: 512 } } },
      }),
    );
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((route) => (route as { Properties: { RouteKey: string } }).Properties.RouteKey);
    expect(routes).not.toContain('POST /hooks/telephony');
    expect(routes).not.toContain('POST /hooks/user-import');
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE', Qualifier: 'live' });
    template.hasOutput('TokenFunctionUrl', {});
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'okta-hooks-custom-token', MemorySize: 512 });
  });

  it('scopes SNS publishing away from topics', () => {
    const { template } = buildStack('sms', deployableConfig({ hooks: { telephony: { provider: 'sns' } } }));
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sns:Publish', NotResource: 'arn:aws:sns:*:*:*' })]) },
    });
  });

  it('reads the secret from SSM when told to, and creates none', () => {
    const { template } = buildStack(
      'ssm',
      deployableConfig({ auth: { mode: 'header', secretSource: 'ssm' }, deployment: { secretParameterName: '/okta/hook-secret' } }),
    );
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ OKTA_HOOK_SECRET_ID: '/okta/hook-secret' }) },
    });
  });
});
