import type { MetricDatum, PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { Match } from '../../rules/evaluate';
import { MAX_DATAPOINT_AGE_MS, MAX_DATAPOINT_FUTURE_MS, MAX_METRIC_DATA_PER_REQUEST, MINUTE_MS } from './constants';

export interface MetricPlan {
  /** PutMetricData inputs; one in the common case, more only where AWS's limits force it. */
  readonly inputs: readonly PutMetricDataCommandInput[];
  /** Matches outside the window PutMetricData accepts (−14 days … +2 hours); logged, not sent. */
  readonly outOfWindow: number;
}

/**
 * Turns matches into the datapoints the seed's metric filters would emit: value 1 per
 * matching event, no dimensions, at the log event's timestamp. Events of the same metric
 * and minute share one datum (`Values: [1]`, `Counts: [n]`); that is lossless at the
 * standard 60-second resolution.
 */
export function buildMetricData(matches: readonly Match[], namespace: string, now: number): MetricPlan {
  const counts = new Map<string, { metricName: string; minute: number; value: number; count: number }>();
  let outOfWindow = 0;
  for (const { rule, timestamp } of matches) {
    if (timestamp < now - MAX_DATAPOINT_AGE_MS || timestamp > now + MAX_DATAPOINT_FUTURE_MS) {
      outOfWindow++;
      continue;
    }
    const minute = Math.floor(timestamp / MINUTE_MS) * MINUTE_MS;
    const key = `${rule.metricName}\u0000${minute}`;
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { metricName: rule.metricName, minute, value: rule.metricValue, count: 1 });
  }
  // One value per datum, so MAX_VALUES_PER_DATUM never binds; ~150 bytes per datum keeps a
  // full request far below MAX_PUT_METRIC_DATA_BYTES.
  const data: MetricDatum[] = [...counts.values()].map(({ metricName, minute, value, count }) => ({
    MetricName: metricName,
    Timestamp: new Date(minute),
    Values: [value],
    Counts: [count],
  }));
  const inputs: PutMetricDataCommandInput[] = [];
  for (let i = 0; i < data.length; i += MAX_METRIC_DATA_PER_REQUEST) {
    inputs.push({ Namespace: namespace, MetricData: data.slice(i, i + MAX_METRIC_DATA_PER_REQUEST) });
  }
  return { inputs, outOfWindow };
}
