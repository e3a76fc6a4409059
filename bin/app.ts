/**
 * The CDK app: `npx cdk synth -c stage=<name>` (default dev) reads config/<stage>.json,
 * validates it, and builds the stack with cdk-nag's AwsSolutions, Serverless and HIPAA
 * Security packs checking every resource.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks } from 'cdk-nag';
import { ConfigError } from '../lambdas/shared/config/service-config';
import { HookServiceStack } from '../lib/hook-service-stack';
import { loadStageConfig } from '../lib/stage-config';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? process.env.STAGE ?? 'dev');

try {
  const config = loadStageConfig(stage);
  new HookServiceStack(app, `OktaHooks-${stage}`, {
    stage,
    config,
    description: `Okta inline hooks and event hooks (${stage})`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    tags: { application: 'okta-hooks', stage },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new HIPAASecurityChecks(app));
  app.synth();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
