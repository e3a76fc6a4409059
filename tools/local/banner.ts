import path from 'node:path';
import { LOCAL_TABLE_NAME, type LocalService } from './local-service';

const relative = (file: string) => path.relative(process.cwd(), file) || file;

/** What a newcomer needs on one screen: the routes, the auth header, and a line to paste. */
export const banner = (service: LocalService): string => {
  const lines = [
    `Okta hooks running locally at ${service.url}`,
    '',
    ...service.routes.map((route) => `  ${route.methods.join('|').padEnd(8)} ${service.url}${route.path}`),
    '',
    `Auth header:  ${service.headerName}: ${service.secret}`,
    service.secretGenerated
      ? '              (generated for this run; set OKTA_HOOK_SECRET to choose your own)'
      : '              (from OKTA_HOOK_SECRET)',
    `Data:         ${
      !service.dynamoDbEmbedded
        ? `table ${LOCAL_TABLE_NAME} at ${service.dynamoDbEndpoint}`
        : service.dataDir
          ? `kept in ${relative(service.dataDir)}`
          : 'in memory (use --data-dir to keep it)'
    }`,
  ];
  if (service.seed) {
    const { report, rejected, file } = service.seed;
    lines.push(
      `Seed:         ${relative(file)}: ${report.written} written, ${report.unchanged} unchanged${rejected.length ? `, ${rejected.length} rejected` : ''}`,
    );
    for (const row of rejected) lines.push(`              line ${row.line}: ${row.problems.join('; ')}`);
  }
  lines.push(
    `SMS/voice:    written to ${relative(service.outboxFile)} (the phone: read codes there)`,
    '',
    'Try:',
    `  curl -sS -X POST ${service.url}/hooks/token -H '${service.headerName}: ${service.secret}' -H 'Content-Type: application/json' --data @test/fixtures/okta/token.request.json`,
    `  OKTA_HOOK_SECRET='${service.secret}' npm run simulate -- token --user alice@example.com --url ${service.url}`,
    '',
    'Ctrl-C stops.',
  );
  return lines.join('\n');
};
