/**
 * Loads validated records into the hook table in batches. Safe to run again: each item is
 * compared with what the table holds and only changed items are written, and attributes the
 * hooks own (migration marks, deactivation) are carried over, never overwritten.
 */
import { isDeepStrictEqual } from 'node:util';
import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hookOwnedAttributes, tableItemOf, type ImportRecord } from '../../lambdas/shared/stores/records';

export interface LoadReport {
  written: number;
  unchanged: number;
  /** Items still unprocessed after every retry. */
  failed: number;
}

export interface LoadOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Retries of unprocessed items per batch, with exponential backoff. */
  maxRetries?: number;
  baseDelayMs?: number;
  dryRun?: boolean;
}

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

const keyOf = (item: Item): Key => ({ pk: String(item.pk), sk: String(item.sk) });
const keyText = ({ pk, sk }: Key) => `${pk}\u0000${sk}`;
const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const readExisting = async (keys: Key[], options: Required<Omit<LoadOptions, 'dryRun'>>): Promise<Map<string, Item>> => {
  const existing = new Map<string, Item>();
  for (const batch of chunks(keys, 100)) {
    let pending: Key[] = batch;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > options.maxRetries) throw new Error(`could not read ${pending.length} existing items after ${options.maxRetries} retries`);
      if (attempt > 0) await sleep(options.baseDelayMs * 2 ** (attempt - 1));
      const output = await options.client.send(
        new BatchGetCommand({ RequestItems: { [options.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of output.Responses?.[options.tableName] ?? []) existing.set(keyText(keyOf(item)), item);
      pending = (output.UnprocessedKeys?.[options.tableName]?.Keys ?? []) as Key[];
    }
  }
  return existing;
};

/** The item to store: the imported fields, plus whatever the hooks wrote on the stored one. */
const desiredItem = (record: ImportRecord, stored: Item | undefined): Item => {
  const item = tableItemOf(record);
  if (!stored) return item;
  for (const attribute of hookOwnedAttributes[record.kind]) {
    if (attribute in stored) item[attribute] = stored[attribute];
  }
  return item;
};

export const loadRecords = async (records: readonly ImportRecord[], options: LoadOptions): Promise<LoadReport> => {
  const settings = { maxRetries: 8, baseDelayMs: 50, ...options };
  const keys = records.map((record) => keyOf(tableItemOf(record)));
  const existing = await readExisting(keys, settings);

  const changed: Item[] = [];
  let unchanged = 0;
  for (const record of records) {
    const stored = existing.get(keyText(keyOf(tableItemOf(record))));
    const item = desiredItem(record, stored);
    if (stored && isDeepStrictEqual(stored, item)) unchanged += 1;
    else changed.push(item);
  }
  if (settings.dryRun) return { written: changed.length, unchanged, failed: 0 };

  let failed = 0;
  for (const batch of chunks(changed, 25)) {
    let pending = batch.map((item) => ({ PutRequest: { Item: item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > settings.maxRetries) {
        failed += pending.length;
        break;
      }
      if (attempt > 0) await sleep(settings.baseDelayMs * 2 ** (attempt - 1));
      const output = await settings.client.send(new BatchWriteCommand({ RequestItems: { [settings.tableName]: pending } }));
      pending = (output.UnprocessedItems?.[settings.tableName] ?? []) as typeof pending;
    }
  }
  return { written: changed.length - failed, unchanged, failed };
};
