/**
 * Alarms per hook (p99 duration, errors, throttles, provisioned-concurrency spillover,
 * deadline hits, contract rejections and refused calls from the runtime's metrics), API 5xx, the event
 * dead-letter queue; an encrypted SNS topic for them, and one dashboard.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HookMetric, SERVICE_NAME } from '../lambdas/shared/runtime/observability';
import type { HookFunction } from './hook-function';

export interface HookAlarmsProps {
  name: string;
  metricsNamespace: string;
  topicKey: kms.IKey;
  p99DurationMs: number;
  refusedCallsPerMinute: number;
  email?: string;
}

const PERIOD = Duration.minutes(1);

export class HookAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: actions.SnsAction;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: HookAlarmsProps,
  ) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: `${props.name}-alarms`,
      displayName: `Okta hooks alarms (${props.name})`,
      masterKey: props.topicKey,
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    this.action = new actions.SnsAction(this.topic);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.name, defaultInterval: Duration.hours(3) });
  }

  private alarm(id: string, metric: cloudwatch.IMetric, threshold: number, description: string): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmName: `${this.props.name}-${id}`,
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }

  /** A count the shared runtime emits per hook (EMF, dimensions service and hook). */
  hookMetric(hook: string, metricName: string, statistic = 'Sum'): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.props.metricsNamespace,
      metricName,
      dimensionsMap: { service: SERVICE_NAME, hook },
      statistic,
      period: PERIOD,
    });
  }

  watchHook(hook: string, fn: HookFunction): void {
    const { alias } = fn;
    const duration = alias.metricDuration({ statistic: 'p99', period: PERIOD });
    this.alarm(`${hook}-p99-duration`, duration, this.props.p99DurationMs, `${hook}: p99 duration above ${this.props.p99DurationMs} ms (Okta waits 3000 ms)`);
    this.alarm(`${hook}-errors`, alias.metricErrors({ period: PERIOD }), 0, `${hook}: the function failed (the runtime should never throw)`);
    this.alarm(`${hook}-throttles`, alias.metricThrottles({ period: PERIOD }), 0, `${hook}: invocations throttled (reserved concurrency too low?)`);
    if (fn.provisioned) {
      const spillover = alias.metric('ProvisionedConcurrencySpilloverInvocations', { statistic: 'Sum', period: PERIOD });
      this.alarm(`${hook}-spillover`, spillover, 0, `${hook}: calls beyond provisioned concurrency met cold starts`);
    }
    this.alarm(`${hook}-deadline-hits`, this.hookMetric(hook, HookMetric.deadlineHit), 0, `${hook}: answered with the fail policy because the deadline passed`);
    this.alarm(`${hook}-contract-rejections`, this.hookMetric(hook, HookMetric.contractRejection), 0, `${hook}: an answer broke the Okta contract and was replaced by the fail policy`);
    const refused = new cloudwatch.MathExpression({
      expression: 'FILL(auth, 0) + FILL(source, 0)',
      usingMetrics: { auth: this.hookMetric(hook, HookMetric.authFailure), source: this.hookMetric(hook, HookMetric.sourceRefused) },
      label: `${hook}: refused calls`,
      period: PERIOD,
    });
    this.alarm(
      `${hook}-refused-calls`,
      refused,
      this.props.refusedCallsPerMinute,
      `${hook}: more than ${this.props.refusedCallsPerMinute} calls a minute failed authentication or came from outside the allowlist (forged calls, or Okta still sends a rotated secret)`,
    );

    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${hook}: duration (ms)`,
        left: [alias.metricDuration({ statistic: 'p50', period: PERIOD }), duration],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: `${hook}: outcomes`,
        left: [
          HookMetric.changed,
          HookMetric.noChange,
          HookMetric.refused,
          HookMetric.failPolicy,
          HookMetric.badRequest,
          HookMetric.authFailure,
          HookMetric.sourceRefused,
        ].map(
          (name) => this.hookMetric(hook, name),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: `${hook}: problems`,
        left: [
          alias.metricErrors({ period: PERIOD }),
          alias.metricThrottles({ period: PERIOD }),
          this.hookMetric(hook, HookMetric.deadlineHit),
          this.hookMetric(hook, HookMetric.contractRejection),
          this.hookMetric(hook, HookMetric.dependencyFailure),
        ],
        width: 8,
      }),
    );
  }

  watchApi(api: apigwv2.HttpApi): void {
    this.alarm('api-5xx', api.metricServerError({ period: PERIOD, statistic: 'Sum' }), 0, 'The API answered 5xx: Okta saw failures');
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API: requests and errors',
        left: [api.metricCount({ period: PERIOD }), api.metricClientError({ period: PERIOD }), api.metricServerError({ period: PERIOD })],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'API: latency (ms)',
        left: [api.metricLatency({ period: PERIOD, statistic: 'p99' }), api.metricIntegrationLatency({ period: PERIOD, statistic: 'p99' })],
        width: 12,
      }),
    );
  }

  watchEventQueue(deadLetterQueue: sqs.IQueue, queue: sqs.IQueue): void {
    this.alarm('events-dead-letters', deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }), 0, 'Events failed repeatedly and wait in the dead-letter queue');
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Event hook queue',
        left: [
          queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
          queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' }),
          deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
        ],
        width: 24,
      }),
    );
  }
}
