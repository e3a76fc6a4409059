/**
 * The DynamoDB adapter for every store interface, over the single table of `table-schema.ts`.
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { JsonObject } from '../okta/responses';
import { DependencyFailure } from './dependency-failure';
import type {
  CodeTable,
  IdempotencyClaim,
  IdempotencyStore,
  LegacyCredentialStore,
  LinkDirectory,
  UserDirectory,
  UserKey,
  UserLifecycleStore,
} from './ports';
import {
  codeRecordSchema,
  credentialRecordSchema,
  linkRecordSchema,
  tableKeys,
  userRecordSchema,
  type CodeRecord,
  type CredentialRecord,
  type LinkRecord,
  type UserRecord,
} from './records';
import { hookTableSchema } from './table-schema';

const DEPENDENCY = 'DynamoDB';

const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

export class DynamoHookTable
  implements UserDirectory, LegacyCredentialStore, LinkDirectory, CodeTable, IdempotencyStore, UserLifecycleStore
{
  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw error instanceof DependencyFailure
        ? error
        : new DependencyFailure(DEPENDENCY, `${operation} on ${this.tableName} failed`, { cause: error });
    }
  }

  private validated<T>(
    schema: { safeParse(input: unknown): { success: true; data: T } | { success: false } },
    item: Record<string, unknown> | undefined,
    what: string,
  ): T | undefined {
    if (item === undefined) return undefined;
    const result = schema.safeParse(item);
    // Only the item's key is named: its attributes may be personal data.
    if (!result.success) throw new DependencyFailure(DEPENDENCY, `malformed ${what} item ${String(item.pk)}/${String(item.sk)}`);
    return result.data;
  }

  private async getItem(key: { pk: string; sk: string }, signal: AbortSignal, consistent = false) {
    const output = await this.call('GetItem', () =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: consistent }), {
        abortSignal: signal,
      }),
    );
    return output.Item;
  }

  async findUser(key: UserKey, signal: AbortSignal): Promise<UserRecord | undefined> {
    if (key.by === 'login') return this.validated(userRecordSchema, await this.getItem(tableKeys.user(key.login), signal), 'user');
    const output = await this.call('Query', () =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: hookTableSchema.oktaUserIdIndex.name,
          KeyConditionExpression: '#index = :id',
          ExpressionAttributeNames: { '#index': hookTableSchema.oktaUserIdIndex.partitionKey },
          ExpressionAttributeValues: { ':id': tableKeys.oktaUserIndex(key.oktaUserId) },
          Limit: 2,
        }),
        { abortSignal: signal },
      ),
    );
    const items = output.Items ?? [];
    if (items.length > 1) throw new DependencyFailure(DEPENDENCY, 'more than one user record holds the same Okta user id');
    return this.validated(userRecordSchema, items[0], 'user');
  }

  async findCredential(login: string, signal: AbortSignal): Promise<CredentialRecord | undefined> {
    // Strongly consistent: a hash imported a moment ago must verify.
    return this.validated(credentialRecordSchema, await this.getItem(tableKeys.credential(login), signal, true), 'credential');
  }

  async recordMigration(login: string, at: Date, signal: AbortSignal): Promise<void> {
    await this.call('UpdateItem', () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: tableKeys.credential(login),
          UpdateExpression: 'SET migratedAt = :at, verifiedCount = if_not_exists(verifiedCount, :zero) + :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at.toISOString(), ':zero': 0, ':one': 1 },
        }),
        { abortSignal: signal },
      ),
    );
  }

  async findLink(namespace: string, externalId: string, signal: AbortSignal): Promise<LinkRecord | undefined> {
    return this.validated(linkRecordSchema, await this.getItem(tableKeys.link(namespace, externalId), signal), 'link');
  }

  async findCode(codeSet: string, code: string, signal: AbortSignal): Promise<CodeRecord | undefined> {
    return this.validated(codeRecordSchema, await this.getItem(tableKeys.code(codeSet, code), signal), 'code');
  }

  async claim(scope: string, key: string, ttlSeconds: number, signal: AbortSignal): Promise<IdempotencyClaim> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const keys = tableKeys.idempotency(scope, key);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys, kind: 'idempotency', scope, key, status: 'in-progress', expiresAt: nowSeconds + ttlSeconds },
          // TTL deletion is lazy: an expired record counts as absent.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
        { abortSignal: signal },
      );
      return { state: 'claimed' };
    } catch (error) {
      if (!isConditionFailure(error)) {
        throw new DependencyFailure(DEPENDENCY, `PutItem on ${this.tableName} failed`, { cause: error });
      }
    }
    const existing = await this.getItem(keys, signal, true);
    if (existing?.status === 'completed' && typeof existing.result === 'object' && existing.result !== null) {
      return { state: 'completed', result: existing.result as JsonObject };
    }
    // Someone else holds the claim (or it vanished between the two calls): never do the work twice.
    return { state: 'in-progress' };
  }

  async complete(scope: string, key: string, result: JsonObject, ttlSeconds: number, signal: AbortSignal): Promise<void> {
    await this.call('UpdateItem', () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: tableKeys.idempotency(scope, key),
          UpdateExpression: 'SET #status = :completed, #result = :result, expiresAt = :expiresAt',
          ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
          ExpressionAttributeValues: {
            ':completed': 'completed',
            ':result': result,
            ':expiresAt': Math.floor(this.now() / 1000) + ttlSeconds,
          },
        }),
        { abortSignal: signal },
      ),
    );
  }

  async release(scope: string, key: string, signal: AbortSignal): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: tableKeys.idempotency(scope, key),
          ConditionExpression: '#status = :inProgress',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':inProgress': 'in-progress' },
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      // Already completed (or gone): nothing to give up.
      if (!isConditionFailure(error)) throw new DependencyFailure(DEPENDENCY, `DeleteItem on ${this.tableName} failed`, { cause: error });
    }
  }

  async setUserStatus(login: string, status: UserRecord['status'], at: Date, signal: AbortSignal): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: tableKeys.user(login),
          UpdateExpression: status === 'active' ? 'SET #status = :status REMOVE deactivatedAt' : 'SET #status = :status, deactivatedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: status === 'active' ? { ':status': status } : { ':status': status, ':at': at.toISOString() },
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      // No record for this user: there is nothing to mark.
      if (!isConditionFailure(error)) throw new DependencyFailure(DEPENDENCY, `UpdateItem on ${this.tableName} failed`, { cause: error });
    }
  }

  async deleteUser(login: string, signal: AbortSignal): Promise<void> {
    for (const key of [tableKeys.user(login), tableKeys.credential(login)]) {
      await this.call('DeleteItem', () =>
        this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }), { abortSignal: signal }),
      );
    }
  }

  async deleteCredential(login: string, signal: AbortSignal): Promise<boolean> {
    const output = await this.call('DeleteItem', () =>
      this.client.send(new DeleteCommand({ TableName: this.tableName, Key: tableKeys.credential(login), ReturnValues: 'ALL_OLD' }), {
        abortSignal: signal,
      }),
    );
    return output.Attributes !== undefined;
  }
}
