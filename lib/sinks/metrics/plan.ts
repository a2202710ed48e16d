import type { MetricDatum, PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { Match, Rule } from '../../rules';
import { MAX_DATAPOINT_AGE_MS, MAX_DATAPOINT_FUTURE_MS, MAX_METRIC_DATA_PER_REQUEST, MINUTE_MS } from './constants';

/** Matches of one metric in one minute: what one metric filter would have emitted. */
export interface MetricPoint {
  readonly namespace: string;
  readonly metricName: string;
  /** Start of the minute, ms since epoch. */
  readonly minute: number;
  readonly value: number;
  readonly count: number;
}

export interface MetricPlan {
  /** PutMetricData inputs; one in the common case, more only where AWS's limits force it. */
  readonly inputs: readonly PutMetricDataCommandInput[];
  /** Matches outside the window PutMetricData accepts (−14 days … +2 hours); logged, not sent. */
  readonly outOfWindow: number;
}

type MutablePoint = { -readonly [K in keyof MetricPoint]: MetricPoint[K] };

/** One rule's points by minute (and value), and the last one counted: a batch's events mostly share their minute. */
interface RulePoints {
  readonly byKey: Map<number | string, MutablePoint>;
  lastKey: number | string | undefined;
  lastPoint: MutablePoint | undefined;
}

/**
 * Counts matches per namespace, metric and minute as they are found: the datapoints the
 * rules' metric filters would emit (the rule's value per matching event, no dimensions,
 * at the log event's timestamp).
 */
export class MetricAccumulator {
  /** Per rule, per minute: numbers as keys and no string building on the hot path. */
  private readonly points = new Map<Rule, RulePoints>();
  private dropped = 0;

  constructor(private readonly now: number) {}

  /**
   * Adds one match; `record` gives a `$.field` metric value and `message` a space-delimited
   * `$name` one (a match without that value publishes nothing).
   */
  add(rule: Rule, timestamp: number, record?: unknown, message?: string): void {
    if (timestamp < this.now - MAX_DATAPOINT_AGE_MS || timestamp > this.now + MAX_DATAPOINT_FUTURE_MS) {
      this.dropped++;
      return;
    }
    let value: number;
    if (rule.metricValueOf) {
      const v = rule.metricValueOf(record, message);
      if (v === undefined) return;
      value = v;
    } else value = rule.metricValue as number;
    const minute = timestamp - (timestamp % MINUTE_MS);
    let points = this.points.get(rule);
    if (!points) {
      points = { byKey: new Map(), lastKey: undefined, lastPoint: undefined };
      this.points.set(rule, points);
    }
    // A constant value keys by minute alone (numbers, no string building); a field value also by value.
    const key = rule.metricValueOf ? `${minute}|${value}` : minute;
    let point = key === points.lastKey ? points.lastPoint : points.byKey.get(key);
    if (point) point.count++;
    else {
      point = { namespace: rule.namespace, metricName: rule.metricName, minute, value, count: 1 };
      points.byKey.set(key, point);
    }
    points.lastKey = key;
    points.lastPoint = point;
  }

  get outOfWindow(): number {
    return this.dropped;
  }

  /** The points, rule by rule in order of first match, each rule's minutes in order of first match. */
  result(): MetricPoint[] {
    return [...this.points.values()].flatMap((points) => [...points.byKey.values()]);
  }
}

/**
 * PutMetricData inputs for counted points: one request per namespace, split only at
 * 1,000 datums. Events of the same metric and minute share one datum (`Values: [v]`,
 * `Counts: [n]`), which is lossless at the standard 60-second resolution. One value per
 * datum, so MAX_VALUES_PER_DATUM never binds; ~150 bytes per datum keeps a full request
 * far below MAX_PUT_METRIC_DATA_BYTES.
 */
export function planMetricData(points: readonly MetricPoint[]): PutMetricDataCommandInput[] {
  const byNamespace = new Map<string, MetricDatum[]>();
  for (const { namespace, metricName, minute, value, count } of points) {
    let data = byNamespace.get(namespace);
    if (!data) {
      data = [];
      byNamespace.set(namespace, data);
    }
    data.push({ MetricName: metricName, Timestamp: new Date(minute), Values: [value], Counts: [count] });
  }
  const inputs: PutMetricDataCommandInput[] = [];
  for (const [namespace, data] of byNamespace) {
    for (let i = 0; i < data.length; i += MAX_METRIC_DATA_PER_REQUEST) {
      inputs.push({ Namespace: namespace, MetricData: data.slice(i, i + MAX_METRIC_DATA_PER_REQUEST) });
    }
  }
  return inputs;
}

/** The metrics for a list of matches, as of `now`. */
export function buildMetricData(matches: readonly Match[], now: number): MetricPlan {
  const accumulator = new MetricAccumulator(now);
  for (const match of matches) accumulator.add(match.rule, match.timestamp, match.record, match.message);
  return { inputs: planMetricData(accumulator.result()), outOfWindow: accumulator.outOfWindow };
}
