/**
 * The HTTP API in front of the hooks: one route per enabled hook (POST /hooks/<hook>, and
 * GET+POST /hooks/events), each integrating a function's `live` alias, never $LATEST.
 * Access logs go to their own log group as JSON, without request headers (so never the
 * Authorization header). The integration times out just before Okta's 3 s.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { hookLogGroup } from './hook-log-group';

export interface HookApiProps {
  name: string;
  throttlingRateLimit: number;
  throttlingBurstLimit: number;
  logRetentionDays: number;
  logKey?: kms.IKey;
  retainLogs: boolean;
}

/** Just under Okta's 3 s: API Gateway answers 503 before Okta gives up, and Okta may retry. */
export const INTEGRATION_TIMEOUT = Duration.millis(2900);

export class HookApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HookApiProps) {
    super(scope, id);
    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: props.name,
      description: 'Okta inline hooks and event hooks',
      createDefaultStage: false,
      disableExecuteApiEndpoint: false,
    });
    this.accessLogs = hookLogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${props.name}`,
      retentionDays: props.logRetentionDays,
      retain: props.retainLogs,
      ...(props.logKey ? { key: props.logKey } : {}),
      contents: 'Access logs hold no headers and no bodies.',
    });
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttlingRateLimit, burstLimit: props.throttlingBurstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTimeEpoch',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            error: '$context.error.message',
          }),
        ),
      },
    });
    const authorization =
      'Okta authenticates every call with a shared-secret header or an OAuth 2.0 bearer token, checked in the function (constant-time compare or JWT verification) so local mode and function URLs get the same check.';
    Validations.of(this.api).acknowledge({ id: 'AwsSolutions-APIG4', reason: authorization });
    Validations.of(this.api).acknowledge({
      id: 'Serverless-APIGWXrayEnabled',
      reason: 'HTTP APIs do not support X-Ray; the functions run with active tracing instead.',
    });
  }

  /** The URL of a route on the default stage. */
  urlOf(path: string): string {
    return `${this.stage.url.replace(/\/$/, '')}${path}`;
  }

  route(path: string, methods: apigwv2.HttpMethod[], target: lambda.IFunction, id: string): void {
    this.api.addRoutes({
      path,
      methods,
      integration: new HttpLambdaIntegration(id, target, { timeout: INTEGRATION_TIMEOUT }),
    });
  }
}
