/**
 * npm run simulate -- <hook> [options]
 *
 * Plays Okta against the local service (default) or a deployed URL and prints what Okta
 * would do with each answer. Exit code 1 when Okta would reject an answer or time out.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_PORT } from '../tools/local/local-service';
import { simulate, simulatedHooks, SimulationInputError, type SimulatedHook, type SimulationReport } from '../tools/simulator/simulate';
import type { RegistrationVariant, TokenShape } from '../tools/simulator/templates';

const usage = `usage: npm run simulate -- <hook> [options]

hooks: ${simulatedHooks.join(', ')}

  --url <base>           service base URL (default http://127.0.0.1:$PORT, PORT defaults to ${DEFAULT_PORT})
  --endpoint <url>       full endpoint URL used as it is (e.g. a Lambda function URL)
  --secret <value>       header secret (default: OKTA_HOOK_SECRET)
  --header <name>        auth header name (default Authorization)
  --bearer <jwt>         send an OAuth 2.0 access token instead of the header secret
  --user <login>         the user the request is about (default alice@example.com)
  --okta-user-id <id>    the user's Okta id (default: derived from the login)
  --file <request.json>  send this request body instead of a template
  --repeat <n>           send n times and report latency p50/p95/p99
  --keep-event-id        reuse one eventId for every call (Okta's duplicate deliveries)
  --json                 print the report as JSON
  token:            --tokens both|id|access|client-credentials
  registration:     --variant self-service|progressive-profile|classic  --set attr=value (repeatable)
  password-import:  --password <typed password>
  user-import:      --external-id <id> --email <address> --department <code> --matched <okta user id>
  telephony:        --phone <E.164> --channel sms|voice
  events:           --event-type <type> --outcome SUCCESS|FAILURE   (events-verify sends the verification GET)`;

const round = (milliseconds: number) => `${milliseconds.toFixed(1)} ms`;

const printReport = (report: SimulationReport) => {
  const first = report.calls[0];
  for (const [index, call] of report.calls.entries()) {
    if (report.calls.length > 1 && index > 0 && call.effect.verdict === 'accepted') continue;
    const attempts = call.attempts
      .map((attempt) => (attempt.timedOut ? 'timed out' : attempt.networkError ? `network error` : `${attempt.status ?? '?'}`) + ` in ${round(attempt.latencyMs)}`)
      .join(', then retried: ');
    console.log(`${report.calls.length > 1 ? `call ${index + 1}: ` : ''}${report.hook === 'events-verify' ? 'GET' : 'POST'} ${report.url} → ${attempts}`);
    console.log(call.effect.verdict === 'accepted' ? 'Okta accepts the answer.' : `Okta: ${call.effect.verdict}.`);
    for (const violation of call.effect.violations) console.log(`  ✗ ${violation}`);
    console.log(call.effect.outcome);
    for (const line of call.effect.details) console.log(line);
    if (call !== first) console.log('');
  }
  if (report.calls.length > 1) {
    const { latency } = report;
    const accepted = report.calls.filter((call) => call.effect.verdict === 'accepted').length;
    console.log(
      `\n${latency.calls} calls: ${accepted} accepted; latency p50 ${round(latency.p50)}, p95 ${round(latency.p95)}, p99 ${round(latency.p99)}, max ${round(latency.max)}; ${(latency.timedOutShare * 100).toFixed(1)}% would have timed out in Okta`,
    );
  }
};

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      endpoint: { type: 'string' },
      secret: { type: 'string' },
      header: { type: 'string', default: 'Authorization' },
      bearer: { type: 'string' },
      user: { type: 'string', default: 'alice@example.com' },
      'okta-user-id': { type: 'string' },
      file: { type: 'string' },
      repeat: { type: 'string', default: '1' },
      'keep-event-id': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      tokens: { type: 'string', default: 'both' },
      variant: { type: 'string', default: 'self-service' },
      set: { type: 'string', multiple: true, default: [] },
      password: { type: 'string' },
      'external-id': { type: 'string', default: 'hr-100001' },
      email: { type: 'string' },
      department: { type: 'string' },
      matched: { type: 'string' },
      phone: { type: 'string', default: '+15555550100' },
      channel: { type: 'string', default: 'sms' },
      'event-type': { type: 'string', default: 'user.lifecycle.deactivate' },
      outcome: { type: 'string', default: 'SUCCESS' },
      timeout: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const hook = positionals[0];
  if (values.help || !hook) {
    console.log(usage);
    return values.help ? 0 : 1;
  }
  const oneOf = <T extends string>(value: string, allowed: readonly T[], flag: string): T => {
    if (!(allowed as readonly string[]).includes(value)) throw new SimulationInputError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
    return value as T;
  };
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new SimulationInputError('--repeat must be a whole number of at least 1');
  const set = Object.fromEntries(
    values.set.map((pair) => {
      const separator = pair.indexOf('=');
      if (separator <= 0) throw new SimulationInputError(`--set takes attr=value, not "${pair}"`);
      return [pair.slice(0, separator), pair.slice(separator + 1)];
    }),
  );
  const secret = values.secret ?? process.env.OKTA_HOOK_SECRET;
  if (!secret && !values.bearer) console.error('note: no secret given (--secret or OKTA_HOOK_SECRET): the hook should answer 401');

  const report = await simulate({
    hook: oneOf<SimulatedHook>(hook, simulatedHooks, 'the hook'),
    baseUrl: values.url ?? `http://127.0.0.1:${process.env.PORT ?? DEFAULT_PORT}`,
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    headerName: values.header,
    ...(secret ? { secret } : {}),
    ...(values.bearer ? { bearerToken: values.bearer } : {}),
    user: values.user,
    ...(values['okta-user-id'] ? { oktaUserId: values['okta-user-id'] } : {}),
    ...(values.file ? { body: JSON.parse(await readFile(values.file, 'utf8')) as unknown } : {}),
    keepEventId: values['keep-event-id'],
    repeat,
    tokens: oneOf<TokenShape>(values.tokens, ['both', 'id', 'access', 'client-credentials'], '--tokens'),
    variant: oneOf<RegistrationVariant>(values.variant, ['self-service', 'progressive-profile', 'classic'], '--variant'),
    set,
    ...(values.password !== undefined ? { password: values.password } : {}),
    externalId: values['external-id'],
    ...(values.email ? { email: values.email } : {}),
    ...(values.department ? { department: values.department } : {}),
    ...(values.matched ? { matchedUserId: values.matched } : {}),
    phone: values.phone,
    channel: oneOf(values.channel, ['sms', 'voice'] as const, '--channel'),
    eventType: values['event-type'],
    outcome: oneOf(values.outcome, ['SUCCESS', 'FAILURE'] as const, '--outcome'),
    ...(values.timeout ? { timeoutMs: Number(values.timeout) } : {}),
  });
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
  return report.ok ? 0 : 1;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof SimulationInputError ? `simulate: ${error.message}` : `simulate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
