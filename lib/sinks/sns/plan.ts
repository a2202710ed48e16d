import type { PublishBatchCommandInput, PublishCommandInput } from '@aws-sdk/client-sns';
import type { AlertedGroup } from '../../alerts';
import { SEVERITY_RANK } from '../../rules';
import { inBatches } from '../batches';
import { MAX_BATCH_BYTES, MAX_BATCH_ENTRIES } from './constants';
import { formatAlert, formatOverflow, type Notification, notificationBytes } from './format';

export type SnsRequest =
  | { readonly action: 'Publish'; readonly input: PublishCommandInput }
  | { readonly action: 'PublishBatch'; readonly input: PublishBatchCommandInput };

/**
 * One alert per rule and principal, at most `cap` of them; when there are more groups, one
 * more message summarises the rest, so none disappears unannounced. The alerts go by
 * severity first (a stable sort keeps rule and time order within a severity), and the
 * summary never takes an alert's place: a lower-severity group can never push a
 * higher-severity one out of its own alert.
 */
export function buildNotifications(groups: readonly AlertedGroup[], cap: number): Notification[] {
  const { alerts, overflow } = applyCap(groups, cap);
  return overflow.length === 0 ? alerts.map(formatAlert) : [...alerts.map(formatAlert), formatOverflow(overflow)];
}

/**
 * The groups that get an alert of their own (at most `cap`, most severe first; a stable sort
 * keeps rule and time order within a severity) and those left to the one summary message.
 */
export function applyCap(groups: readonly AlertedGroup[], cap: number): { alerts: AlertedGroup[]; overflow: AlertedGroup[] } {
  const ordered = [...groups].sort(bySeverity);
  return { alerts: ordered.slice(0, cap), overflow: ordered.slice(cap) };
}

function bySeverity(a: AlertedGroup, b: AlertedGroup): number {
  return SEVERITY_RANK[a.rule.severity] - SEVERITY_RANK[b.rule.severity];
}

/**
 * Packs messages into as few SNS calls as the limits allow: one Publish for a single
 * message, otherwise PublishBatch requests of at most 10 entries and 256 KB.
 */
export function packNotifications(notifications: readonly Notification[], topicArn: string): SnsRequest[] {
  if (notifications.length === 0) return [];
  if (notifications.length === 1) {
    const [n] = notifications as [Notification];
    return [
      {
        action: 'Publish',
        input: { TopicArn: topicArn, ...(n.subject ? { Subject: n.subject } : {}), Message: n.message, MessageAttributes: { ...n.attributes } },
      },
    ];
  }
  // Entry ids are unique across the batches: `alert-<position in the list>`.
  const entries = notifications.map((n, index) => ({ n, id: `alert-${index}` }));
  return inBatches(entries, ({ n }) => notificationBytes(n), MAX_BATCH_ENTRIES, MAX_BATCH_BYTES).map((batch) => ({
    action: 'PublishBatch',
    input: {
      TopicArn: topicArn,
      PublishBatchRequestEntries: batch.map(({ n, id }) => ({
        Id: id,
        ...(n.subject ? { Subject: n.subject } : {}),
        Message: n.message,
        MessageAttributes: { ...n.attributes },
      })),
    },
  }));
}
