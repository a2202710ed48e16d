import type { PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { Clients } from '../aws/clients';
import type { Config } from '../config';
import { DeliveryError, type SinkFailure } from './errors';
import { metricsSink } from './metrics';
import { type SnsRequest, snsSink } from './sns';
import type { Decisions, Sink } from './types';

export { DeliveryError, type SinkFailure } from './errors';
export type { Decisions, Sink } from './types';

/** Each sink's planned requests, by sink name. */
export interface SinkRequests {
  readonly metrics: readonly PutMetricDataCommandInput[];
  readonly sns: readonly SnsRequest[];
}
export type SinkName = keyof SinkRequests;

/** Every output, in the order their requests are planned. A new output is one more entry. */
export const SINKS: { readonly [K in SinkName]: Sink<SinkRequests[K][number]> } = {
  metrics: metricsSink,
  sns: snsSink,
};
const SINK_NAMES = Object.keys(SINKS) as SinkName[];

/** Pure: every sink's requests for these decisions. */
export function planSinks(decisions: Decisions, config: Config): SinkRequests {
  return Object.fromEntries(SINK_NAMES.map((name) => [name, SINKS[name].plan(decisions, config)])) as unknown as SinkRequests;
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
