/**
 * PutMetricData: "no more than 1000 different metrics" per request.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
 */
export const MAX_METRIC_DATA_PER_REQUEST = 1000;
/**
 * "up to 150 values per metric with one PutMetricData request".
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html
 */
export const MAX_VALUES_PER_DATUM = 150;
/**
 * Each PutMetricData request is limited to 1 MB.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
 */
export const MAX_PUT_METRIC_DATA_BYTES = 1024 * 1024;
/**
 * Timestamps may be "as much as two weeks before the current date"…
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html
 */
export const MAX_DATAPOINT_AGE_MS = 14 * 24 * 60 * 60 * 1000;
/**
 * …"and as much as 2 hours after the current day and time".
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html
 */
export const MAX_DATAPOINT_FUTURE_MS = 2 * 60 * 60 * 1000;
/**
 * Metric filters publish at the default 60-second storage resolution.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/publishingMetrics.html
 */
export const MINUTE_MS = 60_000;
/**
 * Namespace: 1–255 characters, not starting with ':' ; `AWS/` is reserved for AWS services.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
 */
export const MAX_NAMESPACE_LENGTH = 255;
