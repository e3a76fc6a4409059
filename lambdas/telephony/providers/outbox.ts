/**
 * Local mode's provider: each message is appended as a JSON line to an outbox file and handed
 * to a listener (which announces it), instead of going to a phone. Refused in deployed stages.
 */
import { randomUUID } from 'node:crypto';
import { maskPhoneNumber } from '../../shared/runtime/masking';
import { appendFile } from 'node:fs/promises';
import type { MessageSender, OutboundMessage, SendReceipt } from '../message-sender';

export interface OutboxEntry extends OutboundMessage {
  transactionId: string;
  sentAt: string;
}

/**
 * The outbox file is the phone: the message, code included, is read there. The terminal is a
 * log like any other, so it gets the masked number and where to look, never the code.
 */
export const announceOutboxEntry = (file: string, entry: OutboxEntry): void => {
  process.stdout.write(`[outbox] ${entry.channel === 'sms' ? 'SMS' : 'Voice call'} to ${maskPhoneNumber(entry.to)}: message ${entry.transactionId} in ${file}\n`);
};

export const outboxSender = (file: string, onMessage: (entry: OutboxEntry) => void = (entry) => announceOutboxEntry(file, entry)): MessageSender => ({
  providerName: 'Local outbox',
  async send(message: OutboundMessage): Promise<SendReceipt> {
    const entry: OutboxEntry = { ...message, transactionId: `outbox-${randomUUID()}`, sentAt: new Date().toISOString() };
    await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
    onMessage(entry);
    return { transactionId: entry.transactionId };
  },
});
