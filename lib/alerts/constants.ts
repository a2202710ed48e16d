/**
 * Longest piece of any record field an alert shows. CloudTrail itself truncates fields such as
 * userAgent, errorCode and errorMessage at 1 KB.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
export const MAX_FIELD_LENGTH = 512;
/** Event IDs listed in one aggregated alert. */
export const MAX_EVENT_IDS_PER_ALERT = 5;
/** Distinct source IPs listed in one aggregated alert. */
export const MAX_SOURCE_IPS_PER_ALERT = 5;
/** Groups listed in the overflow summary before "and N more". */
export const MAX_OVERFLOW_LINES = 100;

/** Session names listed in an alert for a role's sessions; the rest are counted ("and 7 more"). */
export const MAX_SESSIONS_PER_ALERT = 5;
