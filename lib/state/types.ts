import type { WindowState } from '../alerts';

/** What the state knows of a batch when an invocation claims it. */
export interface BatchClaim {
  /**
   * `completed`: every sink delivered it before, so this is a replay. `in-progress`: another
   * invocation holds it (only from {@link StateStore.claimBatches}; `claimBatch` throws).
   */
  readonly status: 'new' | 'resumed' | 'completed' | 'in-progress';
  /** Sinks that already delivered this batch (a retry after a partial failure skips them). */
  readonly delivered: ReadonlySet<string>;
}

/**
 * Where trailwatch remembers across invocations: batches delivered (idempotency) and alert
 * windows. DynamoDB in production; memory offline. Every method is one round trip (or a
 * few, for batched reads and writes beyond the per-call limits).
 */
export interface StateStore {
  readonly kind: 'dynamodb' | 'memory';
  /**
   * Locks a batch for this invocation until `lockUntil`, unless it is completed or locked
   * by another invocation (then BatchInProgressError).
   */
  claimBatch(key: string, now: number, lockUntil: number): Promise<BatchClaim>;
  /** Releases the lock, recording the sinks that delivered; `completed` once every sink has. */
  finishBatch(key: string, delivered: ReadonlySet<string>, completed: boolean, now: number): Promise<void>;
  /**
   * Claims many batches at once (a Kinesis invocation's records): one batched read and one
   * transaction per 100 keys, whatever the number of records.
   */
  claimBatches(keys: readonly string[], now: number, lockUntil: number): Promise<ReadonlyMap<string, BatchClaim>>;
  /** Finishes many batches at once: one transaction per 100 keys. */
  finishBatches(results: ReadonlyMap<string, BatchResult>, now: number): Promise<void>;
  /** The alert windows of these pairs that exist (expired ones included: the caller compares). */
  readWindows(keys: readonly string[]): Promise<ReadonlyMap<string, WindowState>>;
  /** Writes the new state of each pair. */
  writeWindows(updates: ReadonlyMap<string, WindowState>, now: number): Promise<void>;
  /** Calls made so far: one per round trip to DynamoDB (the memory store counts the same). */
  readonly calls: number;
}

/** How one claimed batch ended. */
export interface BatchResult {
  readonly delivered: ReadonlySet<string>;
  readonly completed: boolean;
}
