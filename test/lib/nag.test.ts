import { Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { buildStack } from '../support/stacks';

const acknowledgementsOf = (root: IConstruct) =>
  root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason }))),
  );

describe('cdk-nag: AwsSolutions, Serverless and HIPAA Security', () => {
  it.each(['dev', 'prod'])('finds nothing unacknowledged in the %s stack', (stage) => {
    const { app } = buildStack(stage, undefined, { nag: true });
    expect(() => app.synth()).not.toThrow();
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    const { app, stack } = buildStack('dev', undefined, { nag: true });
    new sqs.Queue(stack, 'Careless', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS2/);
  });

  it('gives every acknowledgement a written reason', () => {
    const { stack } = buildStack('prod');
    const acknowledgements = acknowledgementsOf(stack);
    expect(acknowledgements.length).toBeGreaterThan(10);
    for (const { id, reason } of acknowledgements) {
      expect({ id, reasonLength: reason.length >= 60 }).toEqual({ id, reasonLength: true });
    }
  });
});
