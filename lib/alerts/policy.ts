import { type Rule, type RuleCounts, Severity } from '../rules';
import type { AlertGroup } from './aggregate';

/**
 * What the state remembers of one (rule, principal) pair between invocations. Times are
 * epoch milliseconds.
 */
export interface WindowState {
  /** Until when later matches are deduplicated instead of alerted. */
  readonly windowEnds: number;
  /** When the last alert went out. */
  readonly lastAlertAt: number;
  /** Matches counted since that alert and not alerted. */
  readonly since: number;
  /** Event times of the first and last of those matches (0 when `since` is 0). */
  readonly sinceFirst: number;
  readonly sinceLast: number;
}

/** What happened since the previous alert for the same pair, shown in the next one. */
export interface SinceLastAlert {
  readonly lastAlertAt: number;
  readonly count: number;
  readonly first: number;
  readonly last: number;
}

/** A group that alerts, with what was deduplicated since its previous alert. */
export interface AlertedGroup extends AlertGroup {
  readonly sinceLastAlert?: SinceLastAlert;
}

/** The outcome of the alert policy for one batch. */
export interface PolicyResult {
  /** Groups to alert about, in the order they were given. */
  readonly alerted: readonly AlertedGroup[];
  /** Matches counted in the state but not alerted, per rule id. */
  readonly deduplicated: RuleCounts;
  /** The state to write for each pair that changed, keyed by {@link windowKey}. */
  readonly updates: ReadonlyMap<string, WindowState>;
}

/** The state key of a (rule, principal) pair. */
export function windowKey(group: Pick<AlertGroup, 'rule' | 'principalKey'>): string {
  return `${group.rule.id}#${group.principalKey}`;
}

/**
 * A rule's window in seconds: its own setting, else 0 for critical rules (they alert on
 * every invocation), else the ALERT_WINDOW_SECONDS default.
 */
export function windowSecondsOf(rule: Pick<Rule, 'severity' | 'alert'>, defaultSeconds: number): number {
  if (rule.alert.windowSeconds !== undefined) return rule.alert.windowSeconds;
  return rule.severity === Severity.Critical ? 0 : defaultSeconds;
}

/** The pairs whose state the policy needs to read for these groups. */
export function windowKeys(groups: readonly AlertGroup[], defaultSeconds: number): string[] {
  return [...new Set(groups.filter((g) => windowSecondsOf(g.rule, defaultSeconds) > 0).map(windowKey))];
}

/**
 * Pure: at most one alert per (rule, principal) per window. A pair alerts when it has no
 * open window (none yet, or `windowEnds` has passed: expiry is compared, never left to
 * DynamoDB's late TTL deletion); otherwise its matches are counted in the state, and the
 * next alert after the window reports them.
 * @param now the invocation's clock, epoch milliseconds.
 */
export function applyAlertPolicy(
  groups: readonly AlertGroup[],
  windows: ReadonlyMap<string, WindowState>,
  defaultWindowSeconds: number,
  now: number,
): PolicyResult {
  const alerted: AlertedGroup[] = [];
  const deduplicated: RuleCounts = {};
  const updates = new Map<string, WindowState>();
  for (const group of groups) {
    const seconds = windowSecondsOf(group.rule, defaultWindowSeconds);
    if (seconds <= 0) {
      alerted.push(group);
      continue;
    }
    const key = windowKey(group);
    const state = updates.get(key) ?? windows.get(key);
    if (state === undefined || state.windowEnds <= now) {
      const since =
        state && state.since > 0 ? { lastAlertAt: state.lastAlertAt, count: state.since, first: state.sinceFirst, last: state.sinceLast } : undefined;
      alerted.push(since ? withSince(group, since) : group);
      updates.set(key, { windowEnds: now + seconds * 1000, lastAlertAt: now, since: 0, sinceFirst: 0, sinceLast: 0 });
      continue;
    }
    deduplicated[group.rule.id] = (deduplicated[group.rule.id] ?? 0) + group.count;
    updates.set(key, {
      ...state,
      since: state.since + group.count,
      sinceFirst: state.since > 0 ? Math.min(state.sinceFirst, group.firstTime) : group.firstTime,
      sinceLast: Math.max(state.sinceLast, group.lastTime),
    });
  }
  return { alerted, deduplicated, updates };
}

/** The group with what happened since its previous alert; the group's own getters stay live. */
function withSince(group: AlertGroup, sinceLastAlert: SinceLastAlert): AlertedGroup {
  return Object.create(group, { sinceLastAlert: { value: sinceLastAlert, enumerable: true } }) as AlertedGroup;
}
