import type { PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import type { Sink } from '../types';
import { planMetricData } from './plan';
import { publishMetrics } from './send';

export {
  MAX_DATAPOINT_AGE_MS,
  MAX_DATAPOINT_FUTURE_MS,
  MAX_METRIC_DATA_PER_REQUEST,
  MAX_NAMESPACE_LENGTH,
  MAX_PUT_METRIC_DATA_BYTES,
  MAX_VALUES_PER_DATUM,
  MINUTE_MS,
} from './constants';
export { buildMetricData, MetricAccumulator, type MetricPlan, type MetricPoint, planMetricData } from './plan';
export { publishMetrics } from './send';

/**
 * CloudWatch metrics: exactly what the metric filters would count. In native mode the
 * evaluation counts no rule metric (the AWS::Logs::MetricFilter resources do).
 */
export const metricsSink: Sink<PutMetricDataCommandInput> = {
  name: 'metrics',
  plan: (decisions) => planMetricData(decisions.metricPoints),
  send: (requests, clients) => publishMetrics(clients.cloudwatch, requests),
};
