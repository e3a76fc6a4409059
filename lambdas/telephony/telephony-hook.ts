/**
 * Telephony inline hook (contract §7): sends the OTP by SMS or voice through the configured
 * provider and reports SUCCESSFUL, PENDING or FAILED. A failure is answered with 200 and an
 * error object, so Okta falls back to its own providers.
 *
 * Okta's duplicate deliveries of one `eventId` never send a second message: a conditional
 * write on the idempotency record decides which call sends; a duplicate gets the stored
 * outcome, or PENDING while the first call is still sending.
 * OTP codes and phone numbers never reach logs, notes or the answer.
 */
import type { TelephonySettings } from '../shared/config/hook-settings';
import { isSmsDelivery, type TelephonyRequest } from '../shared/okta/requests';
import {
  oktaError,
  telephonyAction,
  withCommands,
  withError,
  type HookAnswer,
  type JsonObject,
  type TelephonyCommand,
  type TelephonyStatus,
} from '../shared/okta/responses';
import type { DecisionContext } from '../shared/runtime/answer-okta';
import { errorName } from '../shared/stores/dependency-failure';
import type { IdempotencyStore } from '../shared/stores/ports';
import { MessageRefused, type DeliveryChannel, type MessageSender } from './message-sender';

export interface TelephonyDependencies {
  sender: MessageSender;
  idempotency: IdempotencyStore;
}

export const IDEMPOTENCY_SCOPE = 'telephony';

/** What is remembered per `eventId`: the answer, never the number or the code. */
interface DeliveryOutcome {
  status: TelephonyStatus;
  channel: DeliveryChannel;
  provider: string;
  transactionId?: string;
  reason?: string;
}

/** "482913" → "4, 8, 2, 9, 1, 3": a text-to-speech voice reads digits one by one. */
export const spokenDigits = (code: string): string => code.split('').join(', ');

export const messageBody = (request: TelephonyRequest, settings: TelephonySettings, channel: DeliveryChannel): string => {
  const { msgTemplate, otpCode } = request.data.messageProfile;
  if (channel === 'voice') return settings.voiceMessage.replaceAll('{code}', spokenDigits(otpCode));
  return msgTemplate ?? settings.smsMessage.replaceAll('{code}', otpCode);
};

const answerFor = (outcome: DeliveryOutcome): HookAnswer<TelephonyCommand> => {
  if (outcome.status === 'FAILED') {
    return withError(
      oktaError(`The ${outcome.channel === 'sms' ? 'SMS' : 'voice call'} could not be sent by ${outcome.provider}.`, [
        {
          errorSummary: 'The provider did not accept the message',
          reason: outcome.reason ?? 'PROVIDER_ERROR',
          location: 'data.messageProfile.phoneNumber',
        },
      ]),
    );
  }
  return withCommands([
    telephonyAction({
      status: outcome.status,
      provider: outcome.provider,
      ...(outcome.transactionId ? { transactionId: outcome.transactionId } : {}),
      transactionMetadata: `channel=${outcome.channel}`,
    }),
  ]);
};

const storedOutcome = (result: JsonObject): DeliveryOutcome | undefined => {
  const { status, channel, provider, transactionId, reason } = result;
  if ((status !== 'SUCCESSFUL' && status !== 'PENDING' && status !== 'FAILED') || (channel !== 'sms' && channel !== 'voice')) {
    return undefined;
  }
  return {
    status,
    channel,
    provider: typeof provider === 'string' ? provider : 'unknown',
    ...(typeof transactionId === 'string' ? { transactionId } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
  };
};

export const deliverOneTimePassword = async (
  request: TelephonyRequest,
  settings: TelephonySettings,
  { sender, idempotency }: TelephonyDependencies,
  context: DecisionContext,
): Promise<HookAnswer<TelephonyCommand>> => {
  const channel: DeliveryChannel = isSmsDelivery(request.data.messageProfile.deliveryChannel) ? 'sms' : 'voice';
  const provider = settings.providerName ?? sender.providerName;
  context.note('channel', channel);

  const claim = await idempotency.claim(IDEMPOTENCY_SCOPE, request.eventId, settings.idempotencyTtlSeconds, context.signal);
  if (claim.state !== 'claimed') {
    context.note('duplicate', claim.state);
    const previous = claim.state === 'completed' ? storedOutcome(claim.result) : undefined;
    // Still being sent by the first call: PENDING keeps Okta from sending a second copy itself.
    return answerFor(previous ?? { status: 'PENDING', channel, provider });
  }

  let outcome: DeliveryOutcome;
  try {
    const receipt = await sender.send(
      {
        channel,
        to: request.data.messageProfile.phoneNumber,
        body: messageBody(request, settings, channel),
        ...(request.data.messageProfile.locale ? { locale: request.data.messageProfile.locale } : {}),
      },
      context.signal,
    );
    outcome = { status: settings.acceptedStatus, channel, provider, transactionId: receipt.transactionId };
  } catch (error) {
    outcome = { status: 'FAILED', channel, provider, reason: error instanceof MessageRefused ? error.reason : errorName(error) };
  }
  context.note('delivery', outcome.status);

  // Remember the outcome, failures included, so a duplicate never sends again. If this write
  // fails the claim stays "in progress", which still blocks a second send.
  try {
    await idempotency.complete(IDEMPOTENCY_SCOPE, request.eventId, { ...outcome }, settings.idempotencyTtlSeconds, context.signal);
  } catch {
    context.note('outcomeRecorded', false);
  }
  return answerFor(outcome);
};
