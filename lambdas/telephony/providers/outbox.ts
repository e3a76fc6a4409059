/**
 * Local mode's provider: each message is appended as a JSON line to an outbox file and handed
 * to a listener (which prints it), instead of going to a phone. Refused in deployed stages.
 */
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import type { MessageSender, OutboundMessage, SendReceipt } from '../message-sender';

export interface OutboxEntry extends OutboundMessage {
  transactionId: string;
  sentAt: string;
}

/** Local mode's terminal is the phone: the message, code included, is shown there. */
export const printOutboxEntry = (entry: OutboxEntry): void => {
  process.stdout.write(`[outbox] ${entry.channel === 'sms' ? 'SMS' : 'Voice call'} to ${entry.to}: ${entry.body}\n`);
};

export const outboxSender = (file: string, onMessage: (entry: OutboxEntry) => void = printOutboxEntry): MessageSender => ({
  providerName: 'Local outbox',
  async send(message: OutboundMessage): Promise<SendReceipt> {
    const entry: OutboxEntry = { ...message, transactionId: `outbox-${randomUUID()}`, sentAt: new Date().toISOString() };
    await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
    onMessage(entry);
    return { transactionId: entry.transactionId };
  },
});
