/**
 * The `deployment` section of a stage's configuration: what the CDK stack provisions. The
 * functions never see it (it is removed before the configuration is baked into a bundle);
 * local mode ignores it.
 */
import * as z from 'zod/mini';

const wholeNumber = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));

/** CloudWatch Logs accepts only these retention periods. */
export const logRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const provisionedConcurrencySchema = z.strictObject({
  /** Instances kept initialised at all times, so cold starts never eat Okta's 3 s. */
  min: wholeNumber(1, 1000),
  /** The most Application Auto Scaling may provision. */
  max: wholeNumber(1, 1000),
  /** Scale out when this share of provisioned instances is busy. */
  targetUtilization: z._default(z.number().check(z.gte(0.1), z.lte(0.9)), 0.7),
  /** Known login peaks, e.g. Monday 08:00: raise the floor ahead of time. */
  schedules: z._default(
    z.array(
      z.strictObject({
        name: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'letters, digits and dashes')),
        /** An Application Auto Scaling schedule: `cron(0 7 ? * MON-FRI *)`, `rate(1 day)` or `at(...)`. */
        schedule: z.string().check(z.regex(/^(cron|rate|at)\(.+\)$/, 'must be cron(...), rate(...) or at(...)')),
        min: wholeNumber(0, 1000),
        max: wholeNumber(1, 1000),
      }),
    ),
    [],
  ),
});
export type ProvisionedConcurrencySettings = z.infer<typeof provisionedConcurrencySchema>;

const functionSettingsFields = {
  memoryMb: z.optional(wholeNumber(128, 10_240)),
  /** Caps the function so one hook cannot take the account's whole concurrency. */
  reservedConcurrency: z.optional(wholeNumber(1, 10_000)),
  /** `false` turns it off for this hook even in production. */
  provisionedConcurrency: z.optional(z.union([provisionedConcurrencySchema, z.literal(false)])),
};

export const deploymentSettingsSchema = z.strictObject({
  /** Production turns on by default: provisioned concurrency, customer-managed keys, deletion protection, RETAIN, backups. */
  production: z._default(z.boolean(), false),
  /** The SSM SecureString holding the header secret, when `auth.secretSource` is `ssm`. */
  secretParameterName: z.optional(z.string().check(z.regex(/^\/?[A-Za-z0-9_.\-/]{1,1011}$/, 'an SSM parameter name'))),
  /** Prefix of every resource name; defaults to `okta-hooks-<stage>`. */
  name: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9-]{2,40}$/, 'lower-case letters, digits and dashes'))),
  runtime: z._default(z.enum(['nodejs22.x', 'nodejs24.x']), 'nodejs24.x'),
  memoryMb: z._default(wholeNumber(128, 10_240), 1024),
  /** Per function; defaults to 100 in production and to none elsewhere (new accounts may only have 10 in all). */
  reservedConcurrency: z.optional(wholeNumber(1, 10_000)),
  provisionedConcurrency: z.optional(provisionedConcurrencySchema),
  /** Per hook (and `event-hook`, `event-consumer`) overrides. */
  functions: z._default(z.record(z.string(), z.strictObject({ ...functionSettingsFields, functionUrl: z.optional(z.boolean()) })), {}),
  /** Lambda active tracing (X-Ray service segments: cold start and duration per call). */
  tracing: z._default(z.boolean(), true),
  /** Node's --enable-source-maps: readable stack traces at some cold-start cost. */
  sourceMapsAtRuntime: z._default(z.boolean(), false),
  logRetentionDays: z._default(
    z.int().check(
      z.refine((days) => (logRetentionDays as readonly number[]).includes(days), `must be one of ${logRetentionDays.join(', ')}`),
    ),
    30,
  ),
  /** A customer-managed KMS key for the table, secret, logs, queue and topic; AWS-owned keys otherwise. */
  customerManagedKey: z.optional(z.boolean()),
  api: z._default(
    z.strictObject({
      throttlingRateLimit: z._default(wholeNumber(1, 100_000), 500),
      throttlingBurstLimit: z._default(wholeNumber(1, 100_000), 1000),
    }),
    { throttlingRateLimit: 500, throttlingBurstLimit: 1000 },
  ),
  table: z._default(
    z.strictObject({
      deletionProtection: z.optional(z.boolean()),
      /** A daily AWS Backup plan (35-day retention) besides point-in-time recovery. */
      backupPlan: z.optional(z.boolean()),
    }),
    {},
  ),
  alarms: z._default(
    z.strictObject({
      /** p99 duration above which a hook's alarm fires. */
      p99DurationMs: z._default(wholeNumber(50, 3000), 1000),
      /**
       * Calls per hook and minute that may fail authentication (or come from outside the
       * source allowlist) before the alarm fires: forged calls, or an Okta secret left behind
       * by a rotation. Public URLs get the odd scanner, so not zero.
       */
      refusedCallsPerMinute: z._default(wholeNumber(0, 100_000), 10),
      /** Subscribed to the alarm topic. */
      email: z.optional(z.email()),
    }),
    { p99DurationMs: 1000, refusedCallsPerMinute: 10 },
  ),
  telephony: z._default(
    z.strictObject({
      /** ARNs the telephony function may send from (phone numbers, pools, sender ids); all when empty. */
      originationIdentityArns: z._default(z.array(z.string().check(z.startsWith('arn:'))), []),
    }),
    { originationIdentityArns: [] },
  ),
});
export type DeploymentSettings = z.infer<typeof deploymentSettingsSchema>;
