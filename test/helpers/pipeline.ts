import type { CloudWatchLogsEvent } from 'aws-lambda';
import type { Clients } from '../../lib/aws/clients';
import { type Config, loadConfig } from '../../lib/config';
import { createHandler } from '../../lib/handler';
import type { Log } from '../../lib/log';
import type { Summary } from '../../lib/pipeline';
import { RULES } from '../../lib/rules';
import { cloudWatchLogsSource } from '../../lib/sources';
import { MemoryStateStore, type StateStore } from '../../lib/state';
import type { Suppressions } from '../../lib/suppressions';

export const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alerts';
export const CHAT_TOPIC = 'arn:aws:sns:us-east-1:111122223333:chat';
/** Settings that turn every optional output on. */
export const ALL_OUTPUTS = {
  CHAT_TOPIC_ARN: CHAT_TOPIC,
  SECURITY_HUB: 'true',
  SECURITY_HUB_PRODUCT_ARN: 'arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default',
  EVENT_BUS_NAME: 'security',
};

/** What the stub clients were asked to send. */
export interface Sent {
  readonly metrics: { Namespace?: string; MetricData?: { MetricName?: string; Values?: number[]; Counts?: number[] }[] }[];
  readonly messages: { Subject?: string; Message?: string }[];
  /** Messages published to {@link CHAT_TOPIC}. */
  readonly chat: { Message?: string }[];
  readonly findings: { Id?: string; UpdatedAt?: string }[];
  readonly events: { Detail?: string; Source?: string; DetailType?: string }[];
}

type Failing = { metrics?: boolean; sns?: boolean; chatbot?: boolean; securityHub?: boolean; eventBridge?: boolean };

/** Clients whose sends are recorded, and fail while `fail.<sink>` is true. */
export function stubClients(fail: Failing = {}, delayMs = 0): { clients: Clients; sent: Sent; fail: Failing } {
  const sent: Sent = { metrics: [], messages: [], chat: [], findings: [], events: [] };
  const pause = () => (delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)) : Promise.resolve());
  const clients = {
    cloudwatch: {
      send: async (command: { input: Sent['metrics'][number] }) => {
        await pause();
        if (fail.metrics) throw Object.assign(new Error('CloudWatch is down'), { name: 'ServiceUnavailable' });
        sent.metrics.push(command.input);
        return {};
      },
    },
    sns: {
      send: async (command: {
        input: { TopicArn?: string; Subject?: string; Message?: string; PublishBatchRequestEntries?: { Id: string; Subject?: string; Message?: string }[] };
      }) => {
        await pause();
        const chat = command.input.TopicArn === CHAT_TOPIC;
        if (chat ? fail.chatbot : fail.sns) throw Object.assign(new Error('SNS is down'), { name: 'InternalError' });
        const into = chat ? sent.chat : sent.messages;
        const entries = command.input.PublishBatchRequestEntries;
        if (entries) {
          into.push(...entries);
          return { Successful: entries.map((e) => ({ Id: e.Id, MessageId: e.Id })), Failed: [] };
        }
        into.push(command.input);
        return { MessageId: 'm' };
      },
    },
    securityHub: {
      send: async (command: { input: { Findings?: Sent['findings'] } }) => {
        await pause();
        if (fail.securityHub) throw Object.assign(new Error('Security Hub is down'), { name: 'InternalException' });
        sent.findings.push(...(command.input.Findings ?? []));
        return { SuccessCount: command.input.Findings?.length ?? 0, FailedCount: 0, FailedFindings: [] };
      },
    },
    eventBridge: {
      send: async (command: { input: { Entries?: Sent['events'] } }) => {
        await pause();
        if (fail.eventBridge) throw Object.assign(new Error('EventBridge is down'), { name: 'InternalException' });
        sent.events.push(...(command.input.Entries ?? []));
        return { FailedEntryCount: 0, Entries: (command.input.Entries ?? []).map((_, i) => ({ EventId: `e${i}` })) };
      },
    },
    dynamodb: {
      send: async () => {
        throw new Error('the memory store sends nothing to DynamoDB');
      },
    },
  } as unknown as Clients;
  return { clients, sent, fail };
}

/** A logger that keeps every call. */
export function recordingLog(): Log & { readonly lines: { level: string; message: string; extra: Record<string, unknown>[] }[] } {
  const lines: { level: string; message: string; extra: Record<string, unknown>[] }[] = [];
  const at =
    (level: string) =>
    (message: string, ...extra: Record<string, unknown>[]) =>
      lines.push({ level, message, extra });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The real pipeline behind a CloudWatch Logs handler, with stub clients and an inspectable store. */
export function testHandler(
  options: {
    env?: Record<string, string>;
    clients?: Clients;
    store?: StateStore;
    suppressions?: Suppressions;
    log?: Log;
    config?: Config;
    clock?: () => number;
  } = {},
): (event: CloudWatchLogsEvent) => Promise<Summary> {
  const config = options.config ?? loadConfig({ ALERT_TOPIC_ARN: TOPIC, LOG_LEVEL: 'SILENT', ...options.env });
  return createHandler(cloudWatchLogsSource, {
    config,
    rules: RULES,
    clients: options.clients ?? stubClients().clients,
    store: options.store ?? new MemoryStateStore(),
    suppressions: options.suppressions,
    logger: options.log ?? recordingLog(),
    clock: options.clock,
  });
}

/** Sum of the metric values sent for one metric name (Values × Counts, as CloudWatch sums them). */
export function metricTotal(sent: Sent, metricName: string): number {
  let total = 0;
  for (const input of sent.metrics) {
    for (const datum of input.MetricData ?? []) {
      if (datum.MetricName !== metricName) continue;
      (datum.Values ?? []).forEach((value, i) => {
        total += value * (datum.Counts?.[i] ?? 1);
      });
    }
  }
  return total;
}
