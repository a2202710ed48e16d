/**
 * Another invocation is delivering the same batch right now. Thrown so that Lambda retries
 * the event later; by then the other invocation has finished and the retry is a replay.
 */
export class BatchInProgressError extends Error {
  static {
    Object.defineProperty(BatchInProgressError, 'name', { value: 'BatchInProgressError' });
  }
  override readonly name = 'BatchInProgressError';
  constructor(
    readonly batchKey: string,
    readonly lockedUntil: number,
  ) {
    super(`batch ${batchKey} is being delivered by another invocation until ${new Date(lockedUntil).toISOString()}; retry later`);
  }
}

/** The state table could not be read or written. */
export class StateStoreError extends Error {
  static {
    Object.defineProperty(StateStoreError, 'name', { value: 'StateStoreError' });
  }
  override readonly name = 'StateStoreError';
  constructor(
    readonly operation: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`state ${operation}: ${message}`, options);
  }
}
