/**
 * AWS End User Messaging SMS and Voice v2 (formerly Pinpoint SMS and Voice v2): SMS through
 * SendTextMessage, voice calls through SendVoiceMessage.
 */
import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  SendVoiceMessageCommand,
  VoiceId,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { TelephonySettings } from '../../shared/config/hook-settings';
import { MessageRefused, type MessageSender, type OutboundMessage, type SendReceipt } from '../message-sender';

// Okta does not retry telephony hooks and waits 3 s: one quick retry at most.
const client = /* @__PURE__ */ new PinpointSMSVoiceV2Client({
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 500, requestTimeout: 1500 },
});

const voiceIds = new Set<string>(Object.values(VoiceId));

export const endUserMessagingSender = (
  settings: Pick<TelephonySettings, 'originationIdentity' | 'configurationSetName' | 'voiceId'>,
  smsVoiceClient: PinpointSMSVoiceV2Client = client,
): MessageSender => {
  if (!voiceIds.has(settings.voiceId)) throw new Error(`telephony.voiceId ${settings.voiceId} is not a voice of the SMS and Voice v2 API`);
  const common = {
    ...(settings.originationIdentity ? { OriginationIdentity: settings.originationIdentity } : {}),
    ...(settings.configurationSetName ? { ConfigurationSetName: settings.configurationSetName } : {}),
  };
  return {
    providerName: 'AWS End User Messaging',
    async send(message: OutboundMessage, signal: AbortSignal): Promise<SendReceipt> {
      if (message.channel === 'sms') {
        const output = await smsVoiceClient.send(
          new SendTextMessageCommand({
            DestinationPhoneNumber: message.to,
            MessageBody: message.body,
            MessageType: 'TRANSACTIONAL',
            ...common,
          }),
          { abortSignal: signal },
        );
        return { transactionId: output.MessageId ?? 'unknown' };
      }
      if (!settings.originationIdentity) throw new MessageRefused('VOICE_NEEDS_ORIGINATION_IDENTITY');
      const output = await smsVoiceClient.send(
        new SendVoiceMessageCommand({
          DestinationPhoneNumber: message.to,
          OriginationIdentity: settings.originationIdentity,
          MessageBody: message.body,
          MessageBodyTextType: 'TEXT',
          VoiceId: settings.voiceId as VoiceId,
          ...(settings.configurationSetName ? { ConfigurationSetName: settings.configurationSetName } : {}),
        }),
        { abortSignal: signal },
      );
      return { transactionId: output.MessageId ?? 'unknown' };
    },
  };
};
