/** The interface the telephony hook sends OTP messages through; one adapter per provider. */

export type DeliveryChannel = 'sms' | 'voice';

export interface OutboundMessage {
  channel: DeliveryChannel;
  /** E.164, as Okta sends it. */
  to: string;
  body: string;
  locale?: string;
}

export interface SendReceipt {
  /** The provider's message id, reported to Okta as `transactionId`. */
  transactionId: string;
}

/** The provider would not take the message (invalid number, opted out, channel not offered). */
export class MessageRefused extends Error {
  constructor(readonly reason: string) {
    super(`message refused: ${reason}`);
    this.name = 'MessageRefused';
  }
}

export interface MessageSender {
  /** Reported to Okta as `provider`. */
  readonly providerName: string;
  /** Throws {@link MessageRefused} for a definite refusal, anything else when the provider is unreachable. */
  send(message: OutboundMessage, signal: AbortSignal): Promise<SendReceipt>;
}
