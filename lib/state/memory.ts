import type { WindowState } from '../alerts';
import { BATCH_RECORD_TTL_SECONDS, MAX_BATCH_GET_KEYS, MAX_BATCH_WRITE_ITEMS } from './constants';
import { BatchInProgressError } from './errors';
import type { BatchClaim, BatchResult, StateStore } from './types';

interface BatchRecord {
  completed: boolean;
  lockUntil: number;
  delivered: Set<string>;
  expiresAt: number;
}

/**
 * The state in this process's memory, with the DynamoDB store's conditions and call counts.
 * It is lost on every cold start and not shared between concurrent instances, so offline it
 * deduplicates only within one warm container: what dry-run, the demo and tests need.
 */
export class MemoryStateStore implements StateStore {
  readonly kind = 'memory';
  calls = 0;
  private readonly batches = new Map<string, BatchRecord>();
  private readonly windows = new Map<string, WindowState>();

  async claimBatch(key: string, now: number, lockUntil: number): Promise<BatchClaim> {
    this.calls++;
    const claim = this.claim(key, now, lockUntil);
    if (claim.status === 'in-progress') throw new BatchInProgressError(key, this.batches.get(key)?.lockUntil ?? now);
    return claim;
  }

  /** The claim condition, in one place: a live batch that is completed, or locked by another invocation, is left as it is. */
  private claim(key: string, now: number, lockUntil: number): BatchClaim {
    const record = this.batches.get(key);
    const live = record !== undefined && record.expiresAt > now;
    if (live && record.completed) return { status: 'completed', delivered: new Set(record.delivered) };
    if (live && record.lockUntil > now) return { status: 'in-progress', delivered: new Set(record.delivered) };
    const delivered = live ? new Set(record.delivered) : new Set<string>();
    this.batches.set(key, {
      completed: false,
      lockUntil,
      delivered: new Set(delivered),
      expiresAt: live ? record.expiresAt : now + BATCH_RECORD_TTL_SECONDS * 1000,
    });
    return { status: live ? 'resumed' : 'new', delivered };
  }

  async finishBatch(key: string, delivered: ReadonlySet<string>, completed: boolean, now: number): Promise<void> {
    this.calls++;
    this.finish(key, delivered, completed, now);
  }

  private finish(key: string, delivered: ReadonlySet<string>, completed: boolean, now: number): void {
    const record = this.batches.get(key);
    this.batches.set(key, {
      completed,
      lockUntil: 0,
      delivered: new Set(delivered),
      expiresAt: record?.expiresAt ?? now + BATCH_RECORD_TTL_SECONDS * 1000,
    });
  }

  async claimBatches(keys: readonly string[], now: number, lockUntil: number): Promise<ReadonlyMap<string, BatchClaim>> {
    // As DynamoDB: one batched read and one transaction per 100 keys.
    this.calls += 2 * Math.ceil(keys.length / MAX_BATCH_GET_KEYS);
    const claims = new Map<string, BatchClaim>();
    for (const key of keys) claims.set(key, this.claim(key, now, lockUntil));
    return claims;
  }

  async finishBatches(results: ReadonlyMap<string, BatchResult>, now: number): Promise<void> {
    this.calls += Math.ceil(results.size / MAX_BATCH_GET_KEYS);
    for (const [key, { delivered, completed }] of results) this.finish(key, delivered, completed, now);
  }

  async readWindows(keys: readonly string[]): Promise<ReadonlyMap<string, WindowState>> {
    this.calls += Math.ceil(keys.length / MAX_BATCH_GET_KEYS);
    const found = new Map<string, WindowState>();
    for (const key of keys) {
      const state = this.windows.get(key);
      if (state) found.set(key, state);
    }
    return found;
  }

  async writeWindows(updates: ReadonlyMap<string, WindowState>): Promise<void> {
    this.calls += Math.ceil(updates.size / MAX_BATCH_WRITE_ITEMS);
    for (const [key, state] of updates) this.windows.set(key, state);
  }
}
