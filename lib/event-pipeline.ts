/**
 * Event hook deliveries go from the receiver to a FIFO queue (one message per event, grouped
 * by user so their order holds), to a consumer that reports partial batch failures, with a
 * dead-letter queue behind it for events that keep failing.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { HookFunction } from './hook-function';

export interface EventPipelineProps {
  name: string;
  consumer: HookFunction;
  /** The consumer's timeout; the visibility timeout is six times it, as AWS advises. */
  consumerTimeout: Duration;
  encryptionKey?: kms.IKey;
  maxReceiveCount?: number;
}

export class EventPipeline extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: EventPipelineProps) {
    super(scope, id);
    const encryption = props.encryptionKey
      ? { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: props.encryptionKey }
      : { encryption: sqs.QueueEncryption.SQS_MANAGED };
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      queueName: `${props.name}-events-dlq.fifo`,
      fifo: true,
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      ...encryption,
    });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
      Validations.of(this.deadLetterQueue).acknowledge({ id, reason: 'This is the dead-letter queue itself; its depth raises an alarm.' });
    }
    this.queue = new sqs.Queue(this, 'Events', {
      queueName: `${props.name}-events.fifo`,
      fifo: true,
      // Okta's redeliveries of an event carry the same uuid, used as the deduplication id.
      contentBasedDeduplication: false,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
      ...encryption,
    });
    props.consumer.alias.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
    Validations.of(props.consumer.alias).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: 'SQS event sources take no on-failure destination: events that keep failing move to the queue’s dead-letter queue (redrive policy), which is alarmed.',
    });
  }
}
