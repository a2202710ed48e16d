/** SNS Message: "at most 256 KB in size (262,144 bytes…)"; attributes count towards it (aws-facts §5). */
export const MAX_SNS_MESSAGE_BYTES = 262_144;
/** SNS Subject: "less than 100 characters long", no line breaks or control characters (aws-facts §5). */
export const MAX_SUBJECT_LENGTH = 99;
/** PublishBatch: "Publishes up to 10 messages" (aws-facts §5). */
export const MAX_BATCH_ENTRIES = 10;
/** PublishBatch: the total payload of a batch is at most 256 KB too (aws-facts §5). */
export const MAX_BATCH_BYTES = 262_144;
/** SNS message attribute names are at most 256 characters (aws-facts §5); values we keep short. */
export const MAX_ATTRIBUTE_VALUE_LENGTH = 256;
/** CloudTrail truncates userAgent/errorCode/errorMessage at 1 KB (aws-facts §4); we show at most this much of any field. */
export const MAX_FIELD_LENGTH = 512;
/** Event IDs listed in one aggregated alert. */
export const MAX_EVENT_IDS_PER_ALERT = 5;
/** Distinct source IPs listed in one aggregated alert. */
export const MAX_SOURCE_IPS_PER_ALERT = 5;
/** Groups listed in the overflow summary before "and N more". */
export const MAX_OVERFLOW_LINES = 100;
