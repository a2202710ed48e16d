/**
 * Splits items, in order, into the fewest consecutive batches a service takes: at most
 * `maxItems` items and `maxBytes` bytes (as `bytesOf` counts them) each. A batch closes when
 * the next item would pass either limit; an item is never split.
 */
export function inBatches<T>(items: readonly T[], bytesOf: (item: T) => number, maxItems: number, maxBytes: number): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = bytesOf(item);
    if (batch.length > 0 && (batch.length === maxItems || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
