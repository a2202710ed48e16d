import type { PutEventsCommandInput, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { type AlertFacts, alertFacts } from '../../alerts';
import type { Config } from '../../config';
import { inBatches } from '../batches';
import type { Decisions } from '../types';
import { EVENT_DETAIL_TYPE, EVENT_SOURCE, MAX_CALL_BYTES, MAX_ENTRIES_PER_CALL, TIME_BYTES } from './constants';

/** The bytes PutEvents counts for one entry. */
export function entryBytes(entry: PutEventsRequestEntry): number {
  let bytes = entry.Time ? TIME_BYTES : 0;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) if (text) bytes += Buffer.byteLength(text, 'utf8');
  return bytes;
}

/**
 * The event of one alert: `source: trailwatch`, `detail-type: "trailwatch alert"`, and the
 * alert's structured facts as the detail (see {@link AlertFacts}). `detail.alertId` is stable
 * per rule, principal and window, so a consumer can drop an event a retry sends again.
 */
export function buildEntry(facts: AlertFacts, eventBusName: string): PutEventsRequestEntry {
  const resources = [facts.principal.arn, facts.principal.sessionIssuerArn].filter((arn): arn is string => typeof arn === 'string' && arn.startsWith('arn:'));
  return {
    EventBusName: eventBusName,
    Source: EVENT_SOURCE,
    DetailType: EVENT_DETAIL_TYPE,
    Time: new Date(facts.firstTime),
    Resources: [...new Set(resources)],
    Detail: JSON.stringify(facts),
  };
}

/** PutEvents inputs: one entry per alerted group, at most 10 entries and 256 KB per call. */
export function planEvents(decisions: Decisions, config: Config): PutEventsCommandInput[] {
  const bus = config.eventBusName;
  if (bus === undefined || decisions.alertGroups.length === 0) return [];
  const sized = decisions.alertGroups.map((group) => {
    const entry = buildEntry(alertFacts(group, config.alertWindowSeconds), bus);
    const size = entryBytes(entry);
    if (size >= MAX_CALL_BYTES) throw new Error(`an alert event is ${size} bytes; PutEvents takes less than ${MAX_CALL_BYTES}`);
    return { entry, size };
  });
  // "Less than" 256 KB: at most one byte under it.
  return inBatches(sized, ({ size }) => size, MAX_ENTRIES_PER_CALL, MAX_CALL_BYTES - 1).map((batch) => ({ Entries: batch.map(({ entry }) => entry) }));
}
