/**
 * How long a batch's record is kept: longer than Lambda retries an asynchronous event
 * (maximumEventAge, at most 6 hours) and than CloudWatch Logs redelivers.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
export const BATCH_RECORD_TTL_SECONDS = 24 * 60 * 60;
/** A window's record outlives the window by this much, so the next alert can report what it deduplicated. */
export const WINDOW_RECORD_GRACE_SECONDS = 24 * 60 * 60;
/** The lock of a batch when the Lambda context gives no remaining time. */
export const DEFAULT_LOCK_MS = 30_000;
/**
 * BatchGetItem reads at most 100 items per call.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
 */
export const MAX_BATCH_GET_KEYS = 100;
/**
 * BatchWriteItem writes at most 25 items per call.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
 */
export const MAX_BATCH_WRITE_ITEMS = 25;
/** Retries of the unprocessed part of a batch read or write before giving up. */
export const MAX_UNPROCESSED_RETRIES = 3;
/** Largest alert window (ALERT_WINDOW_SECONDS): a week. */
export const MAX_ALERT_WINDOW_SECONDS = 7 * 24 * 60 * 60;
/** Default alert window (ALERT_WINDOW_SECONDS): an hour. */
export const DEFAULT_ALERT_WINDOW_SECONDS = 3600;
/**
 * TransactWriteItems takes at most 100 actions.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
export const MAX_TRANSACT_ITEMS = 100;
