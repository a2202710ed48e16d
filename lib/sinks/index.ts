import type { PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import type { BatchImportFindingsCommandInput } from '@aws-sdk/client-securityhub';
import type { Clients } from '../aws/clients';
import type { Config } from '../config';
import { chatbotSink } from './chatbot';
import { DeliveryError, type SinkFailure } from './errors';
import { eventBridgeSink } from './eventbridge';
import { metricsSink } from './metrics';
import { securityHubSink } from './security-hub';
import { type SnsRequest, snsSink } from './sns';
import type { Decisions, Sink } from './types';

export { DeliveryError, type SinkFailure } from './errors';
export type { Decisions, Sink } from './types';

/** Each sink's planned requests, by sink name. */
export interface SinkRequests {
  readonly metrics: readonly PutMetricDataCommandInput[];
  readonly sns: readonly SnsRequest[];
  readonly chatbot: readonly SnsRequest[];
  readonly securityHub: readonly BatchImportFindingsCommandInput[];
  readonly eventBridge: readonly PutEventsCommandInput[];
}
export type SinkName = keyof SinkRequests;

/** Every output, in the order their requests are planned. A new output is one more entry. */
export const SINKS: { readonly [K in SinkName]: Sink<SinkRequests[K][number]> } = {
  metrics: metricsSink,
  sns: snsSink,
  chatbot: chatbotSink,
  securityHub: securityHubSink,
  eventBridge: eventBridgeSink,
};
const SINK_NAMES = Object.keys(SINKS) as SinkName[];

/**
 * The sinks that carry alerts. The alert windows are written once every one of them has
 * delivered: until then a retry decides the same alerts, and each sink that already sent
 * them is skipped.
 */
export const ALERT_SINKS: readonly SinkName[] = ['sns', 'chatbot', 'securityHub', 'eventBridge'];

/** The optional sinks, whose settings turn them on (CHAT_TOPIC_ARN, SECURITY_HUB, EVENT_BUS_NAME). */
export function enabledOptionalSinks(config: Config): ('chatbot' | 'securityHub' | 'eventBridge')[] {
  return [
    ...(config.chatTopicArn !== undefined ? (['chatbot'] as const) : []),
    ...(config.securityHub !== undefined ? (['securityHub'] as const) : []),
    ...(config.eventBusName !== undefined ? (['eventBridge'] as const) : []),
  ];
}

/** Pure: every sink's requests for these decisions; a sink in `skip` (it delivered this batch before) plans nothing. */
export function planSinks(decisions: Decisions, config: Config, now: number, skip: ReadonlySet<string> = new Set()): SinkRequests {
  return Object.fromEntries(SINK_NAMES.map((name) => [name, skip.has(name) ? [] : SINKS[name].plan(decisions, config, now)])) as unknown as SinkRequests;
}

/**
 * Sends every sink's requests, except the sinks in `skip` (they delivered this batch before).
 * All sinks are attempted even if one fails, so as much as possible gets through; any
 * failure then throws one {@link DeliveryError} naming each failed sink and those that
 * delivered. A sink with nothing to send is not touched (creating a client loads the SDK).
 * @returns the sinks that delivered (or had nothing to deliver), `skip` excluded.
 */
export async function deliver(requests: SinkRequests, clients: Clients, skip: ReadonlySet<string> = new Set()): Promise<SinkName[]> {
  const due = SINK_NAMES.filter((name) => !skip.has(name));
  const active = due.filter((name) => requests[name].length > 0);
  const results = await Promise.allSettled(active.map((name) => (SINKS[name] as Sink<unknown>).send(requests[name], clients)));
  const failures: SinkFailure[] = [];
  results.forEach((result, i) => {
    if (result.status === 'rejected') failures.push({ sink: active[i] as SinkName, error: result.reason });
  });
  const delivered = due.filter((name) => !failures.some((f) => f.sink === name));
  if (failures.length > 0) throw new DeliveryError(failures, delivered);
  return delivered;
}
