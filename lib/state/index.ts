export { batchKey } from './batch-key';
export {
  BATCH_RECORD_TTL_SECONDS,
  DEFAULT_ALERT_WINDOW_SECONDS,
  DEFAULT_LOCK_MS,
  MAX_ALERT_WINDOW_SECONDS,
} from './constants';
export { DynamoDBStateStore, StateAttribute } from './dynamodb';
export { BatchInProgressError, StateStoreError } from './errors';
export { MemoryStateStore } from './memory';
export type { BatchClaim, BatchResult, StateStore } from './types';
