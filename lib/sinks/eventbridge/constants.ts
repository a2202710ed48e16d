/**
 * PutEvents: at most 10 entries per request.
 * @see https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
export const MAX_ENTRIES_PER_CALL = 10;
/**
 * PutEvents: "The total entry size must be less than 256KB", counted as 14 bytes for Time
 * plus the UTF-8 bytes of Source, DetailType, Detail and each Resources entry.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
 */
export const MAX_CALL_BYTES = 256 * 1024;
/** The size PutEvents counts for an entry's Time. */
export const TIME_BYTES = 14;
/** The `source` and `detail-type` of every alert event. */
export const EVENT_SOURCE = 'trailwatch';
export const EVENT_DETAIL_TYPE = 'trailwatch alert';
