/**
 * npm run data:import -- --file <records.csv|.json|.jsonl> [--table <name>] [--endpoint <url>] [--region <r>] [--dry-run]
 *
 * Validates every row, loads the good ones in batches, names the bad ones by line, and is
 * safe to run twice. --dry-run writes nothing: with a table it says what would be written, without
 * one it only validates the file (no AWS needed). Exit code: 0 all rows valid and loaded, 2 some
 * rows rejected or not written, 1 failure.
 */
import '../tools/shared/sdk-node-notice';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EnvironmentVariable } from '../lambdas/shared/config/environment';
import { createDocumentClient } from '../lambdas/shared/stores/dynamodb-client';
import { loadRecords } from '../tools/data-import/load-records';
import { formatOf, readRecords } from '../tools/data-import/read-records';

const usage = 'usage: npm run data:import -- --file <records.csv|.json|.jsonl> [--table <name>] [--endpoint <url>] [--region <region>] [--dry-run]';

const main = async (): Promise<number> => {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      table: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (!values.file) {
    console.error(`--file is required\n${usage}`);
    return 1;
  }
  const tableName = values.table ?? process.env[EnvironmentVariable.tableName];
  if (!tableName && !values['dry-run']) {
    console.error(`name the table with --table or ${EnvironmentVariable.tableName}\n${usage}`);
    return 1;
  }
  const endpoint = values.endpoint ?? process.env[EnvironmentVariable.dynamoDbEndpoint];
  if (endpoint) {
    // A local DynamoDB API accepts any credentials; the SDK still wants some.
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  }
  const region = values.region ?? process.env.AWS_REGION ?? (endpoint ? 'local' : undefined);

  const text = await readFile(values.file, 'utf8');
  const read = readRecords(text, formatOf(values.file));
  console.log(`read ${read.rows} rows from ${values.file}: ${read.good.length} valid, ${read.bad.length} rejected`);
  for (const row of read.bad) console.log(`  line ${row.line}: ${row.problems.join('; ')}`);
  if (!tableName) {
    console.log('dry run without a table: the file was validated, nothing was compared or written');
    return read.bad.length > 0 ? 2 : 0;
  }

  const client = createDocumentClient({ ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) });
  const report = await loadRecords(
    read.good.map((row) => row.record),
    { client, tableName, dryRun: values['dry-run'] },
  ).catch(async (error: unknown) => {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') {
      const where = endpoint ?? `region ${await client.config.region()}`;
      throw new Error(`table ${tableName} not found at ${where}: check --table (the stack's TableName output) and the region or endpoint`);
    }
    throw error;
  });
  const verb = values['dry-run'] ? 'would be written' : 'written';
  console.log(`${tableName}: ${report.written} ${verb}, ${report.unchanged} unchanged${report.failed ? `, ${report.failed} NOT written after retries` : ''}`);
  return read.bad.length > 0 || report.failed > 0 ? 2 : 0;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // The SDK's own words name neither the flag nor the variable that would fix it.
    const hint = message === 'Region is missing' ? ': name the table\'s region with --region, AWS_REGION or your AWS profile (or give --endpoint for a local DynamoDB API)' : '';
    console.error(`data import failed: ${message}${hint}`);
    process.exitCode = 1;
  },
);
