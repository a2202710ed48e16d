import { DEFAULT_METRIC_NAMESPACE, DEFAULT_RULE_PACKS, PACKS, parsePackIds } from './rules/packs';
import { MAX_NAMESPACE_LENGTH } from './sinks/metrics/constants';
import { MAX_DECOMPRESSED_BYTES } from './sources/cloudwatch-logs/decode';
import { DEFAULT_ALERT_WINDOW_SECONDS, MAX_ALERT_WINDOW_SECONDS } from './state/constants';

/** Alerts per invocation when NOTIFICATION_CAP is unset. */
export const DEFAULT_NOTIFICATION_CAP = 20;
/** Hard ceiling on alerts per invocation, whatever the configuration says. */
export const MAX_NOTIFICATION_CAP = 50;
const MIN_MAX_BATCH_BYTES = 1024 * 1024;
const MAX_MAX_BATCH_BYTES = 1024 * 1024 * 1024;
/** The topic used in DRY_RUN when no ALERT_TOPIC_ARN is set; nothing is ever sent to it. */
export const DRY_RUN_TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:trailwatch-dry-run';

export const LogLevel = {
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  WARN: 'WARN',
  ERROR: 'ERROR',
  SILENT: 'SILENT',
} as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** The validated configuration; see the README's configuration table. */
export interface Config {
  /** SNS topic for alerts (ALERT_TOPIC_ARN). */
  readonly alertTopicArn: string;
  /** CloudWatch namespace for the rule metrics (METRIC_NAMESPACE). */
  readonly metricNamespace: string;
  /** False in native mode, where AWS::Logs::MetricFilter resources count instead (PUBLISH_METRICS). */
  readonly publishMetrics: boolean;
  /** Most alerts per invocation; one more message then summarises the rest (NOTIFICATION_CAP). */
  readonly notificationCap: number;
  /** Build every AWS request but send none (DRY_RUN). */
  readonly dryRun: boolean;
  /** Largest decompressed batch accepted, in bytes (MAX_BATCH_BYTES). */
  readonly maxBatchBytes: number;
  /** LOG_LEVEL. */
  readonly logLevel: LogLevel;
  /** AWS_REGION, used in console links; the SDK reads it itself. */
  readonly region: string | undefined;
  /** Seconds during which a (rule, principal) pair alerts once; 0 turns windows off (ALERT_WINDOW_SECONDS). */
  readonly alertWindowSeconds: number;
  /** The DynamoDB state table (STATE_TABLE_NAME); unset: state is kept in memory. */
  readonly stateTableName: string | undefined;
  /** The suppressions bundled at package time, as parsed YAML (TRAILWATCH_SUPPRESSIONS, JSON). */
  readonly suppressions: unknown;
  /** The rule packs evaluated, in order (RULE_PACKS, such as `seed,cis`). */
  readonly rulePacks: readonly string[];
  /** The user's own rules bundled at package time, as parsed YAML (TRAILWATCH_RULES, JSON). */
  readonly userRules: unknown;
  /** The topic mapped to AWS Chatbot, which gets custom notifications (CHAT_TOPIC_ARN); unset: off. */
  readonly chatTopicArn: string | undefined;
  /**
   * The Security Hub CSPM product to import findings into (SECURITY_HUB=true, with the
   * account's default product SECURITY_HUB_PRODUCT_ARN); unset: off.
   */
  readonly securityHub: { readonly productArn: string; readonly accountId: string; readonly region: string; readonly partition: string } | undefined;
  /** The event bus that gets one event per alert (EVENT_BUS_NAME: a name or an ARN); unset: off. */
  readonly eventBusName: string | undefined;
}

/** The `variable` of a ConfigError about a `--param` name that serverless.yml does not declare. */
export const UNKNOWN_PARAM = '--param';

/**
 * A setting that is present but invalid; thrown at cold start so the function fails fast,
 * and at package time (with `param` set) so a bad deploy never starts.
 */
export class ConfigError extends Error {
  // The minified bundle renames classes; Lambda's errorType reads the constructor's name.
  static {
    Object.defineProperty(ConfigError, 'name', { value: 'ConfigError' });
  }
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    readonly value: string,
    readonly expected: string,
    /** The serverless param the value came from, when it came from one. */
    readonly param?: string,
    options?: { cause?: unknown },
  ) {
    super(
      param === undefined
        ? `Invalid ${variable}=${JSON.stringify(value)}: expected ${expected}`
        : variable === UNKNOWN_PARAM
          ? `Unknown --param ${value}: expected ${expected}`
          : `Invalid --param ${param}=${JSON.stringify(value)}${variable === param ? '' : ` (${variable})`}: expected ${expected}`,
      options,
    );
  }
}

// arn:partition:sns:region:account:name — standard topics only: alarms cannot use FIFO topics.
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the environment once. The only reader of `process.env`.
 * @throws ConfigError naming the variable, its value and what was expected.
 */
export function loadConfig(env: Env = process.env): Config {
  const dryRun = parseBoolean(env, 'DRY_RUN', false);
  const topic = nonEmpty(env.ALERT_TOPIC_ARN);
  if (topic === undefined && !dryRun) {
    throw new ConfigError('ALERT_TOPIC_ARN', '', 'an SNS topic ARN (or DRY_RUN=true to send nothing)');
  }
  if (topic !== undefined && !TOPIC_ARN.test(topic)) {
    throw new ConfigError('ALERT_TOPIC_ARN', topic, 'a standard SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:alerts');
  }
  const namespace = nonEmpty(env.METRIC_NAMESPACE) ?? DEFAULT_METRIC_NAMESPACE;
  if (!isNamespace(namespace)) {
    throw new ConfigError('METRIC_NAMESPACE', namespace, "1–255 characters, not starting with ':' or 'AWS/'");
  }
  return Object.freeze({
    alertTopicArn: topic ?? DRY_RUN_TOPIC_ARN,
    metricNamespace: namespace,
    publishMetrics: parseBoolean(env, 'PUBLISH_METRICS', true),
    notificationCap: parseInteger(env, 'NOTIFICATION_CAP', DEFAULT_NOTIFICATION_CAP, 1, MAX_NOTIFICATION_CAP),
    maxBatchBytes: parseInteger(env, 'MAX_BATCH_BYTES', MAX_DECOMPRESSED_BYTES, MIN_MAX_BATCH_BYTES, MAX_MAX_BATCH_BYTES),
    dryRun,
    logLevel: parseLogLevel(env),
    region: nonEmpty(env.AWS_REGION),
    alertWindowSeconds: parseInteger(env, 'ALERT_WINDOW_SECONDS', DEFAULT_ALERT_WINDOW_SECONDS, 0, MAX_ALERT_WINDOW_SECONDS),
    stateTableName: parseTableName(env),
    // Literal member accesses, so that esbuild's define can replace them in the bundle.
    suppressions: parseJsonSetting(
      'TRAILWATCH_SUPPRESSIONS',
      env === process.env ? process.env.TRAILWATCH_SUPPRESSIONS : env.TRAILWATCH_SUPPRESSIONS,
      'the suppressions as JSON',
    ),
    rulePacks: parseRulePacks(env),
    userRules: parseJsonSetting('TRAILWATCH_RULES', env === process.env ? process.env.TRAILWATCH_RULES : env.TRAILWATCH_RULES, 'the rules as JSON'),
    chatTopicArn: parseChatTopic(env),
    securityHub: parseSecurityHub(env),
    eventBusName: parseEventBus(env),
  });
}

function parseChatTopic(env: Env): string | undefined {
  const value = nonEmpty(env.CHAT_TOPIC_ARN);
  if (value !== undefined && !TOPIC_ARN.test(value)) {
    throw new ConfigError('CHAT_TOPIC_ARN', value, 'a standard SNS topic ARN (the topic mapped to AWS Chatbot), or empty for none');
  }
  return value;
}

/**
 * The account's default product, to which an account imports its own findings.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-custom-providers.html
 */
const PRODUCT_ARN = /^arn:(aws[a-z-]*):securityhub:([a-z0-9-]+):(\d{12}):product\/(\d{12})\/default$/;

function parseSecurityHub(env: Env): Config['securityHub'] {
  if (!parseBoolean(env, 'SECURITY_HUB', false)) return undefined;
  const value = nonEmpty(env.SECURITY_HUB_PRODUCT_ARN) ?? '';
  const match = PRODUCT_ARN.exec(value);
  if (!match || match[3] !== match[4]) {
    throw new ConfigError(
      'SECURITY_HUB_PRODUCT_ARN',
      value,
      "the account's default product, arn:aws:securityhub:<region>:<account>:product/<account>/default (the stack sets it when SECURITY_HUB=true)",
    );
  }
  return Object.freeze({ productArn: value, partition: match[1] as string, region: match[2] as string, accountId: match[3] as string });
}

/**
 * An event bus name or ARN, as PutEvents' EventBusName takes it.
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html
 */
const EVENT_BUS = /^(?:[/.\-_A-Za-z0-9]{1,256}|arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[/.\-_A-Za-z0-9]{1,256})$/;

function parseEventBus(env: Env): string | undefined {
  const value = nonEmpty(env.EVENT_BUS_NAME);
  if (value !== undefined && !EVENT_BUS.test(value)) {
    throw new ConfigError('EVENT_BUS_NAME', value, 'an event bus name (1-256 of A-Z a-z 0-9 . - _ /) or ARN, or empty for none');
  }
  return value;
}

/** @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

function parseTableName(env: Env): string | undefined {
  const value = nonEmpty(env.STATE_TABLE_NAME);
  if (value !== undefined && !TABLE_NAME.test(value)) throw new ConfigError('STATE_TABLE_NAME', value, 'a DynamoDB table name (3-255 of A-Z a-z 0-9 _ - .)');
  return value;
}

/**
 * A JSON setting that esbuild writes into the bundle at package time (the checked
 * suppressions and rules, see esbuild.config.js); unbundled runs (tests) may set it.
 */
function parseJsonSetting(name: string, value: string | undefined, expected: string): unknown {
  if (value === undefined || value.trim() === '') return null;
  try {
    return JSON.parse(value);
  } catch (cause) {
    throw new ConfigError(name, value.slice(0, 80), expected, undefined, { cause });
  }
}

function parseRulePacks(env: Env): readonly string[] {
  const value = nonEmpty(env.RULE_PACKS) ?? DEFAULT_RULE_PACKS;
  const ids = parsePackIds(value);
  if (!ids) throw new ConfigError('RULE_PACKS', value, `a comma-separated list of distinct packs from ${Object.keys(PACKS).join(', ')}`);
  return Object.freeze(ids);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = nonEmpty(env[name]);
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ConfigError(name, value, '"true" or "false"');
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = nonEmpty(env[name]);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new ConfigError(name, value, `a whole number from ${min} to ${max}`);
  }
  return number;
}

function parseLogLevel(env: Env): LogLevel {
  const value = nonEmpty(env.LOG_LEVEL)?.toUpperCase() ?? LogLevel.INFO;
  if (!(value in LogLevel)) throw new ConfigError('LOG_LEVEL', value, Object.keys(LogLevel).join(', '));
  return value as LogLevel;
}

function isNamespace(namespace: string): boolean {
  return namespace.length <= MAX_NAMESPACE_LENGTH && !namespace.startsWith(':') && !namespace.startsWith('AWS/');
}

/** How one serverless param is checked at package time: the function setting it feeds, or its own test. */
interface ParamSpec {
  /** The function's environment variable this param sets, checked by {@link loadConfig}. */
  readonly env?: string;
  /** For params that only shape the stack: a test and what it expects. */
  readonly check?: { readonly test: (value: string) => boolean; readonly expected: string };
}

const wholeNumber = (min: number, max: number) => ({
  test: (v: string) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max,
  expected: `a whole number from ${min} to ${max}`,
});
/** @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * Every serverless param, as `serverless.yml` declares them; the README's table mirrors it.
 * An unknown `--param` is an error that lists these names.
 */
export const PARAMS: Readonly<Record<string, ParamSpec>> = Object.freeze({
  /** @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html */
  logGroupName: { check: { test: (v: string) => /^[.\-_/#A-Za-z0-9]{1,512}$/.test(v), expected: 'a log group name (1-512 of a-z A-Z 0-9 . - _ / #)' } },
  alertTopicArn: { env: 'ALERT_TOPIC_ARN' },
  alertEmail: { check: { test: (v: string) => v === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), expected: 'an e-mail address, or empty for none' } },
  metricNamespace: { env: 'METRIC_NAMESPACE' },
  notificationCap: { env: 'NOTIFICATION_CAP' },
  nativeMetricFilters: { check: { test: (v: string) => v === 'true' || v === 'false', expected: '"true" or "false"' } },
  /** @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html */
  alarmPeriodSeconds: {
    check: {
      test: (v: string) => /^\d+$/.test(v) && (['10', '30'].includes(v) || (Number(v) >= 60 && Number(v) % 60 === 0)),
      expected: '10, 30 or a multiple of 60',
    },
  },
  alarmEvaluationPeriods: { check: wholeNumber(1, 1440) },
  alarmThreshold: { check: { test: (v: string) => v.trim() !== '' && Number.isFinite(Number(v)), expected: 'a number' } },
  logRetentionDays: { check: { test: (v: string) => RETENTION_DAYS.includes(Number(v)) && /^\d+$/.test(v), expected: `one of ${RETENTION_DAYS.join(', ')}` } },
  logLevel: { env: 'LOG_LEVEL' },
  dryRun: { env: 'DRY_RUN' },
  alertWindowSeconds: { env: 'ALERT_WINDOW_SECONDS' },
  rulePacks: { env: 'RULE_PACKS' },
  /** Checked in full (entries, patterns, metric values) by serverless-vars.js, which bundles it. */
  rulesFile: { check: { test: (v: string) => v.trim() !== '', expected: 'a path to a rules file' } },
  /** Checked in full (entries, patterns, expiry) by serverless-vars.js, which bundles it. */
  suppressionsFile: { check: { test: (v: string) => v.trim() !== '', expected: 'a path to a suppressions file' } },
  source: { check: { test: (v: string) => ['cloudwatch', 'kinesis', 'eventbridge'].includes(v), expected: 'cloudwatch, kinesis or eventbridge' } },
  /** @see https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html */
  kinesisShards: { check: wholeNumber(0, 500) },
  /** @see https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html */
  batchSize: { check: wholeNumber(1, 10_000) },
  batchWindowSeconds: { check: wholeNumber(0, 300) },
  parallelizationFactor: { check: wholeNumber(1, 10) },
  maximumRetryAttempts: { check: wholeNumber(0, 10_000) },
  maximumRecordAgeSeconds: {
    check: { test: (v: string) => /^\d+$/.test(v) && Number(v) >= 60 && Number(v) <= 604_800, expected: 'a whole number from 60 to 604800' },
  },
  destinationAccounts: {
    check: {
      test: (v: string) => v === '' || v.split(',').every((a) => /^\d{12}$/.test(a.trim())),
      expected: 'comma-separated 12-digit account ids, or empty',
    },
  },
  /** @see https://docs.aws.amazon.com/organizations/latest/APIReference/API_Organization.html */
  destinationOrgId: {
    check: { test: (v: string) => v === '' || /^o-[a-z0-9]{10,32}$/.test(v), expected: 'an organization id such as o-a1b2c3d4e5, or empty' },
  },
  /** `create` makes a topic in the stack; an ARN uses that topic; empty: no chat notifications. */
  chatTopicArn: {
    check: {
      test: (v: string) => v === '' || v === 'create' || TOPIC_ARN.test(v),
      expected: 'an SNS topic ARN (mapped to AWS Chatbot), "create" for a new topic, or empty for none',
    },
  },
  securityHub: { env: 'SECURITY_HUB' },
  eventBusName: { env: 'EVENT_BUS_NAME' },
});

/**
 * The package-time check: every param known, every value valid, with the same rules the
 * function applies at cold start. `given` are the names passed with `--param`.
 * @throws ConfigError naming the param, its value and what was expected.
 */
export function validateParams(values: Readonly<Record<string, string>>, given: readonly string[] = []): void {
  const unknown = given.filter((name) => !Object.hasOwn(PARAMS, name));
  if (unknown.length > 0) {
    throw new ConfigError(UNKNOWN_PARAM, unknown.join(', '), `one of the known params: ${Object.keys(PARAMS).join(', ')}`, unknown[0]);
  }
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(PARAMS)) {
    const value = values[name] ?? '';
    if (spec.check && !spec.check.test(value)) throw new ConfigError(name, value, spec.check.expected, name);
    if (spec.env) env[spec.env] = value;
  }
  // No topic given: the stack creates one, whose ARN only exists after deploy.
  if (env.ALERT_TOPIC_ARN === '') env.ALERT_TOPIC_ARN = DRY_RUN_TOPIC_ARN;
  // The stack sets the product ARN from its own account and Region.
  if (env.SECURITY_HUB === 'true') env.SECURITY_HUB_PRODUCT_ARN = 'arn:aws:securityhub:us-east-1:000000000000:product/000000000000/default';
  try {
    loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const param = Object.keys(PARAMS).find((name) => PARAMS[name]?.env === error.variable);
    throw new ConfigError(error.variable, error.value, error.expected, param, { cause: error });
  }
}
