import { type AlertGroup, aggregateMatches, applyAlertPolicy, type WindowState, windowKey, windowSecondsOf } from '../../lib/alerts';
import { RULES, type SeedRuleId } from '../../lib/rules';
import { buildNotifications } from '../../lib/sinks/sns';
import { fixture } from '../fixtures/records';
import { match } from '../helpers/matches';

const T0 = Date.UTC(2026, 2, 2, 9, 15, 0);
const HOUR = 3600_000;
const rule = (id: SeedRuleId) => RULES.find((r) => r.id === id) as (typeof RULES)[number];

const groupOf = (ruleId: SeedRuleId, fixtureName: string, count = 1): AlertGroup => {
  const record = fixture(fixtureName).record;
  const [group] = aggregateMatches(
    Array.from({ length: count }, (_, i) => match(ruleId, record, T0 + i)),
    RULES,
  );
  return group as AlertGroup;
};

describe('alert windows', () => {
  const api = () => groupOf('ApiActivityWithoutMFA', 'assumed-role-api-no-mfa', 3);
  const open = (state: Partial<WindowState>): ReadonlyMap<string, WindowState> =>
    new Map([[windowKey(api()), { windowEnds: T0 + HOUR, lastAlertAt: T0 - 1000, since: 0, sinceFirst: 0, sinceLast: 0, ...state }]]);

  it('alerts the first time and opens a window', () => {
    const result = applyAlertPolicy([api()], new Map(), 3600, T0);
    expect(result.alerted).toHaveLength(1);
    expect(result.deduplicated).toEqual({});
    expect(result.updates.get(windowKey(api()))).toEqual({ windowEnds: T0 + HOUR, lastAlertAt: T0, since: 0, sinceFirst: 0, sinceLast: 0 });
  });

  it('counts matches inside an open window in the state instead of alerting', () => {
    const result = applyAlertPolicy([api()], open({ since: 4, sinceFirst: T0 - 500, sinceLast: T0 - 400 }), 3600, T0);
    expect(result.alerted).toEqual([]);
    expect(result.deduplicated).toEqual({ ApiActivityWithoutMFA: 3 });
    expect(result.updates.get(windowKey(api()))).toMatchObject({ windowEnds: T0 + HOUR, since: 7, sinceFirst: T0 - 500, sinceLast: T0 });
  });

  it.each([
    ['has ended', T0],
    ['ended long ago but TTL has not deleted the item yet', T0 - 48 * HOUR],
  ])('alerts again when the window %s, saying what happened since the last alert', (_, windowEnds) => {
    const result = applyAlertPolicy([api()], open({ windowEnds, since: 9, sinceFirst: T0 - 30_000, sinceLast: T0 - 20_000 }), 3600, T0);
    expect(result.alerted).toHaveLength(1);
    expect(result.alerted[0]?.sinceLastAlert).toEqual({ lastAlertAt: T0 - 1000, count: 9, first: T0 - 30_000, last: T0 - 20_000 });
    expect(buildNotifications(result.alerted, 20)[0]?.message).toContain(
      'Since the previous alert at 2026-03-02T09:14:59Z: 9 more events, from 2026-03-02T09:14:30Z to 2026-03-02T09:14:40Z, counted and not alerted.',
    );
    expect(result.updates.get(windowKey(api()))?.since).toBe(0);
  });

  it('alerts on every invocation for critical rules and when the window is 0', () => {
    const root = groupOf('RootAccountUsage', 'root-console-no-mfa');
    const windows = new Map([[windowKey(root), { windowEnds: T0 + HOUR, lastAlertAt: T0, since: 0, sinceFirst: 0, sinceLast: 0 }], ...open({})]);
    expect(applyAlertPolicy([root], windows, 3600, T0).alerted).toHaveLength(1);
    expect(applyAlertPolicy([api()], open({}), 0, T0).alerted).toHaveLength(1);
    expect(applyAlertPolicy([root, api()], windows, 0, T0).updates.size).toBe(0);
  });

  it.each([
    ['RootAccountUsage', undefined, 0],
    ['RootAccountUsage', 600, 600],
    ['ApiActivityWithoutMFA', undefined, 3600],
    ['ApiActivityWithoutMFA', 0, 0],
    ['ConsoleSignInWithoutMfa', undefined, 3600],
  ] as const)('the window of %s with its own setting %s is %i seconds', (id, own, expected) => {
    const r = rule(id);
    expect(windowSecondsOf({ ...r, alert: { ...r.alert, windowSeconds: own } }, 3600)).toBe(expected);
  });
});

describe('the per-invocation cap goes by severity first', () => {
  it.each([1, 2, 3])('with a cap of %i, no lower-severity group pushes a higher one out of its own alert', (cap) => {
    // Many medium groups first in rule order, then one high and one critical.
    const medium = Array.from({ length: 30 }, (_, i) => {
      const record = structuredClone(fixture('assumed-role-api-no-mfa').record) as Record<string, any>;
      record.userIdentity.sessionContext.sessionIssuer.arn = `arn:aws:iam::111122223333:role/Role${i}`;
      return match('ApiActivityWithoutMFA', record, T0 + i);
    });
    const groups = aggregateMatches(
      [
        ...medium,
        match('ConsoleSignInWithoutMfa', fixture('iam-user-console-no-mfa').record, T0 + 100),
        match('RootAccountUsage', fixture('root-console-no-mfa').record, T0 + 200),
      ],
      RULES,
    );
    const notifications = buildNotifications(groups, cap);
    // `cap` alerts, then one summary of the rest.
    expect(notifications).toHaveLength(cap + 1);
    const alerts = notifications.slice(0, cap).map((n) => n.attributes.rule?.StringValue);
    expect(alerts).toEqual(['RootAccountUsage', 'ConsoleSignInWithoutMfa', 'ApiActivityWithoutMFA'].slice(0, cap));
    // The overflow lists the rest, most severe first.
    const listed = (notifications[cap]?.message ?? '')
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(' ')[0]);
    expect(listed).toEqual([...['ConsoleSignInWithoutMfa'].slice(cap - 1), ...Array(30 - Math.max(0, cap - 2)).fill('ApiActivityWithoutMFA')]);
  });
});
