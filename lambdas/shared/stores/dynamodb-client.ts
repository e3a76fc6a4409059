/**
 * The DynamoDB document client, created once per process at module scope (no network until
 * the first call). Retries are bounded and every call also takes the deadline's abort
 * signal, so a slow table can never hold a hook past its budget.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EnvironmentVariable } from '../config/environment';

export interface DocumentClientOptions {
  /** A local DynamoDB API (dynalite), e.g. http://127.0.0.1:8000. */
  endpoint?: string;
  region?: string;
  maxAttempts?: number;
}

export const createDocumentClient = ({ endpoint, region, maxAttempts = 3 }: DocumentClientOptions = {}) =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      maxAttempts,
      requestHandler: { connectionTimeout: 300, requestTimeout: 1500 },
      ...(endpoint ? { endpoint } : {}),
      ...(region ? { region } : {}),
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );

const endpoint = process.env[EnvironmentVariable.dynamoDbEndpoint];
export const documentClient = createDocumentClient(endpoint ? { endpoint } : {});

export const configuredTableName = (): string => process.env[EnvironmentVariable.tableName] ?? 'okta-hooks';
