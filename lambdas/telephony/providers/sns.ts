/** Amazon SNS direct SMS publishing. SNS has no voice calls: those are refused, and Okta falls back. */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { MessageRefused, type MessageSender, type OutboundMessage, type SendReceipt } from '../message-sender';

const client = /* @__PURE__ */ new SNSClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 500, requestTimeout: 1500 } });

export const snsSender = (snsClient: SNSClient = client): MessageSender => ({
  providerName: 'Amazon SNS',
  async send(message: OutboundMessage, signal: AbortSignal): Promise<SendReceipt> {
    if (message.channel !== 'sms') throw new MessageRefused('VOICE_NOT_SUPPORTED');
    const output = await snsClient.send(
      new PublishCommand({
        PhoneNumber: message.to,
        Message: message.body,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
      { abortSignal: signal },
    );
    return { transactionId: output.MessageId ?? 'unknown' };
  },
});
