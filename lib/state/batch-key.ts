import { createHash } from 'node:crypto';
import type { SourceBatch } from '../sources';

/**
 * The identity of a delivered batch: its log group, log stream and every log event id,
 * hashed. CloudWatch Logs gives each log event a unique id, so a batch that arrives again
 * (a Lambda retry, or a redelivery) has the same key.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
export function batchKey(batch: SourceBatch): string {
  const hash = createHash('sha256');
  const { owner, logGroup, logStream } = batch.origin;
  hash.update(`${owner ?? ''}\n${logGroup ?? ''}\n${logStream ?? ''}\n`);
  // One update with every id: far cheaper than one call per log event.
  const ids = new Array<string>(batch.logEvents.length);
  batch.logEvents.forEach((entry, i) => {
    const id = (entry as { id?: unknown } | null)?.id;
    ids[i] = typeof id === 'string' ? id : '-';
  });
  hash.update(ids.join('\n'));
  return hash.digest('base64url');
}
