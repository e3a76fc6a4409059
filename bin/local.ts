/**
 * npm start [-- --port <n>] [--config <file>] [--seed <file> | --no-seed] [--data-dir <dir> | --dynamodb-endpoint <url>]
 *           [--outbox <file>]
 *
 * Runs every hook on this machine: no AWS account, no network.
 */
import '../tools/shared/sdk-node-notice';
import { parseArgs } from 'node:util';
import { ConfigError } from '../lambdas/shared/config/service-config';
import { banner } from '../tools/local/banner';
import { DEFAULT_PORT, LocalStartError, startLocalService } from '../tools/local/local-service';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    config: { type: 'string', default: 'config/local.json' },
    seed: { type: 'string', default: 'config/seed/local.jsonl' },
    'no-seed': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'dynamodb-endpoint': { type: 'string' },
    outbox: { type: 'string' },
  },
});

const portText = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
const port = Number(portText);

const main = async () => {
  if (!/^\d+$/.test(portText) || port > 65_535) throw new LocalStartError(`PORT must be a number from 0 to 65535, not "${portText}"`);
  const service = await startLocalService({
    port,
    host: values.host,
    configFile: values.config,
    ...(values['no-seed'] ? {} : { seedFile: values.seed }),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values['dynamodb-endpoint'] ? { dynamoDbEndpoint: values['dynamodb-endpoint'] } : {}),
    ...(values.outbox ? { outboxFile: values.outbox } : {}),
    ...(process.env.OKTA_HOOK_SECRET ? { secret: process.env.OKTA_HOOK_SECRET } : {}),
  });
  console.log(banner(service));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second signal: the user wants out now.
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping`);
    service.stop().then(
      () => {
        console.log('stopped');
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error(`could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
};

main().catch((error: unknown) => {
  if (error instanceof LocalStartError || error instanceof ConfigError) {
    console.error(`npm start: ${error.message}`);
  } else {
    console.error(`npm start failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  process.exitCode = 1;
});
