import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks } from 'cdk-nag';
import { parseServiceConfig, type ServiceConfig, type ServiceConfigInput } from '../../lambdas/shared/config/service-config';
import { HookServiceStack } from '../../lib/hook-service-stack';
import { loadStageConfig, validateDeployable } from '../../lib/stage-config';

export interface BuiltStack {
  app: App;
  stack: HookServiceStack;
  template: Template;
}

/** A stack as bin/app.ts builds it; bundling is skipped unless asked for (it is tested on its own). */
export const buildStack = (stage: string, config: ServiceConfig = loadStageConfig(stage), options: { bundle?: boolean; nag?: boolean } = {}): BuiltStack => {
  const app = new App({ context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const stack = new HookServiceStack(app, `OktaHooks-${stage}`, { stage, config, env: { account: '123456789012', region: 'eu-central-1' } });
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new HIPAASecurityChecks(app));
  let template: Template | undefined;
  // Synthesised on first use, so a test may still add to the stack before that.
  return {
    app,
    stack,
    get template() {
      template ??= Template.fromStack(stack);
      return template;
    },
  };
};

export const deployableConfig = (input: ServiceConfigInput): ServiceConfig => validateDeployable(parseServiceConfig(input, 'test'), 'test');
