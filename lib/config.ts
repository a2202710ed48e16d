import { MAX_DECOMPRESSED_BYTES } from './sources/cloudwatch-logs/decode';
import { DEFAULT_METRIC_NAMESPACE } from './rules/packs/seed';

/** Alerts per invocation when NOTIFICATION_CAP is unset. */
export const DEFAULT_NOTIFICATION_CAP = 20;
/** Hard ceiling on alerts per invocation, whatever the configuration says. */
export const MAX_NOTIFICATION_CAP = 50;
/** PutMetricData `Namespace`: 1–255 characters, not starting with ':' (aws-facts §5). */
const MAX_NAMESPACE_LENGTH = 255;
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
  /** Most SNS messages per invocation, overflow summary included (NOTIFICATION_CAP). */
  readonly notificationCap: number;
  /** Build every AWS request but send none (DRY_RUN). */
  readonly dryRun: boolean;
  /** Largest decompressed batch accepted, in bytes (MAX_BATCH_BYTES). */
  readonly maxBatchBytes: number;
  /** LOG_LEVEL. */
  readonly logLevel: LogLevel;
  /** AWS_REGION, used in console links; the SDK reads it itself. */
  readonly region: string | undefined;
}

/** A setting that is present but invalid; thrown at cold start so the function fails fast. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    readonly value: string,
    readonly expected: string,
  ) {
    super(`Invalid ${variable}=${JSON.stringify(value)}: expected ${expected}`);
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
  const topic = nonEmpty(env['ALERT_TOPIC_ARN']);
  if (topic === undefined && !dryRun) {
    throw new ConfigError('ALERT_TOPIC_ARN', '', 'an SNS topic ARN (or DRY_RUN=true to send nothing)');
  }
  if (topic !== undefined && !TOPIC_ARN.test(topic)) {
    throw new ConfigError('ALERT_TOPIC_ARN', topic, 'a standard SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:alerts');
  }
  const namespace = nonEmpty(env['METRIC_NAMESPACE']) ?? DEFAULT_METRIC_NAMESPACE;
  if (namespace.length > MAX_NAMESPACE_LENGTH || namespace.startsWith(':') || namespace.startsWith('AWS/')) {
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
    region: nonEmpty(env['AWS_REGION']),
  });
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
  const value = nonEmpty(env['LOG_LEVEL'])?.toUpperCase() ?? LogLevel.INFO;
  if (!(value in LogLevel)) throw new ConfigError('LOG_LEVEL', value, Object.keys(LogLevel).join(', '));
  return value as LogLevel;
}
