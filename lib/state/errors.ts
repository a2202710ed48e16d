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
    /** When the other invocation's lock ends (ms since epoch); undefined when the state did not say. */
    readonly lockedUntil: number | undefined,
  ) {
    // Building the error must never throw: `new Date(NaN).toISOString()` would, with a RangeError.
    const until = lockedUntil !== undefined && Number.isFinite(lockedUntil) ? ` until ${new Date(lockedUntil).toISOString()}` : '';
    super(`batch ${batchKey} is being delivered by another invocation${until}; retry later`);
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
