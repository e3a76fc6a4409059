import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHookTable } from '../../lambdas/shared/stores/create-table';
import { createDocumentClient } from '../../lambdas/shared/stores/dynamodb-client';
import { DynamoHookTable } from '../../lambdas/shared/stores/dynamodb-hook-table';
import { importRecordSchema, tableItemOf, type ImportRecordInput } from '../../lambdas/shared/stores/records';

export const dynaliteEndpoint = (): string => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: the suite starts dynalite in test/support/global-setup.ts');
  return endpoint;
};

export interface TestTable {
  name: string;
  client: DynamoDBDocumentClient;
  table: DynamoHookTable;
  /** Writes records the way the import tool does. */
  seed(records: ImportRecordInput[]): Promise<void>;
  putItem(item: Record<string, unknown>): Promise<void>;
}

/** A fresh table with the stack's schema on the suite's dynalite. */
export const createTestTable = async (): Promise<TestTable> => {
  const name = `hooks-test-${randomUUID()}`;
  const client = createDocumentClient({ endpoint: dynaliteEndpoint(), maxAttempts: 1 });
  await createHookTable(client, name);
  const putItem = async (item: Record<string, unknown>) => {
    await client.send(new PutCommand({ TableName: name, Item: item }));
  };
  return {
    name,
    client,
    table: new DynamoHookTable(client, name),
    putItem,
    seed: async (records) => {
      for (const record of records) await putItem(tableItemOf(importRecordSchema.parse(record)));
    },
  };
};
