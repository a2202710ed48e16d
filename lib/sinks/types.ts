import type { AlertGroup } from '../alerts';
import type { Clients } from '../aws/clients';
import type { Config } from '../config';
import type { MetricPoint } from './metrics/plan';

/** What the engine decided for one batch: the input of every sink's plan step. */
export interface Decisions {
  /** Counted datapoints, one per namespace, metric and minute, inside PutMetricData's window. */
  readonly metricPoints: readonly MetricPoint[];
  /** Matches outside PutMetricData's window (−14 days … +2 hours); logged, never sent. */
  readonly outOfWindow: number;
  /** One group per rule and principal, for the rules that alert. */
  readonly alertGroups: readonly AlertGroup[];
}

/**
 * An output. `plan` is pure: it turns decisions into the exact SDK inputs to send, which
 * dry-run mode reports instead of sending. `send` carries them out and throws on failure.
 */
export interface Sink<Request> {
  readonly name: string;
  /** `now`: the invocation's clock (Security Hub's UpdatedAt). */
  plan(decisions: Decisions, config: Config, now: number): readonly Request[];
  send(requests: readonly Request[], clients: Clients): Promise<void>;
}
