import { ConfigError } from '../../lib/config';
import type { HandlerDeps } from '../../lib/handler';
import { compileRules, evaluateBatch, parseUserRules, RuleFileError, SEED_PACK, subscriptionFilterPattern } from '../../lib/rules';
import { MetricAccumulator } from '../../lib/sinks/metrics';
import { requireJsonRules } from '../../lib/wiring';
import { thrown } from '../helpers/thrown';

// Rules whose patterns are not JSON read each log event's raw message, whatever it holds.
const SEED_IDS = SEED_PACK.rules.map((r) => r.id);
const userRules = parseUserRules(
  [
    { id: 'AccessDenied', pattern: 'AccessDenied', metricName: 'AccessDeniedCount', severity: 'medium' },
    { id: 'BigResponse', pattern: '[ip, ..., bytes > 1000]', metricName: 'BigResponseBytes', metricValue: '$bytes', severity: 'low', alert: false },
    { id: 'Unauthorized', pattern: '%UNAUTHORI[SZ]ED%', metricName: 'UnauthorizedCount', severity: 'low' },
  ],
  SEED_IDS,
  'CloudTrailMetrics',
);
const rules = compileRules([...SEED_PACK.rules, ...userRules]);
const NOW = 1_772_442_900_000;
const entries = (messages: readonly string[]) => messages.map((message, i) => ({ id: `id-${String(i).padStart(4, '0')}`, timestamp: NOW + i, message }));

describe('rules with term, regex and space-delimited patterns', () => {
  const messages = [
    '{"eventVersion":"1.08","errorCode":"AccessDenied","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/ana"}}',
    '10.0.0.1 GET /big 200 5000',
    '10.0.0.1 GET /small 200 10',
    '[ERROR 401] UNAUTHORIZED REQUEST: AccessDenied',
    '{"errorCode":"AccessDeniedException"}',
  ];

  it('counts what each metric filter would count, JSON or not', () => {
    const result = evaluateBatch(entries(messages), rules);
    expect(result.matched).toEqual({
      RootAccountUsage: 0,
      ApiActivityWithoutMFA: 0,
      ConsoleSignInWithoutMfa: 0,
      AccessDenied: 2,
      BigResponse: 1,
      Unauthorized: 1,
    });
    // The non-JSON messages are still rejected for the JSON rules: the summary says so.
    expect(result.rejected).toBe(3);
  });

  it('passes the parsed record to alerts when the message is JSON, and an empty one otherwise', () => {
    const result = evaluateBatch(entries(messages), rules);
    const byRule = (id: string) => result.matches.filter((m) => m.rule.id === id);
    expect(byRule('AccessDenied').map((m) => m.record)).toEqual([JSON.parse(messages[0] as string), {}]);
  });

  it('publishes a space-delimited field as the metric value', () => {
    const accumulator = new MetricAccumulator(NOW);
    const result = evaluateBatch(entries(messages), rules, {
      onMatch: (rule, logEvent, record) => accumulator.add(rule, logEvent.timestamp, record, logEvent.message),
    });
    expect(result.matched.BigResponse).toBe(1);
    expect(accumulator.result().filter((p) => p.metricName === 'BigResponseBytes')).toEqual([expect.objectContaining({ value: 5000, count: 1 })]);
  });

  it('lets every log event through the subscription filter once a rule is not JSON', () => {
    expect(subscriptionFilterPattern([...SEED_PACK.rules, ...userRules])).toBe('');
    expect(subscriptionFilterPattern(SEED_PACK.rules)).not.toBe('');
  });

  it.each([
    ['a $.field value on a term pattern', { pattern: 'ERROR', metricValue: '$.bytes' }, 'a $.field value needs a JSON filter pattern'],
    ['a $name value the pattern does not have', { pattern: '[a, b]', metricValue: '$c' }, 'the pattern has no field named c'],
    ['a bad space-delimited pattern', { pattern: '[a, a]' }, 'field a is named twice'],
  ])('refuses %s in rules.yml', (_name, fields, reason) => {
    const error = thrown(RuleFileError, () => parseUserRules([{ id: 'X', metricName: 'X', severity: 'low', ...fields }], SEED_IDS, 'CloudTrailMetrics'));
    expect(error.message).toContain(reason);
  });
});

describe('sources without the raw message (EventBridge)', () => {
  it('refuse a rule set with a rule that is not JSON at cold start, naming the rule', () => {
    const deps = { rules, config: { rulePacks: ['seed'] } } as unknown as HandlerDeps;
    expect(() => requireJsonRules(deps, 'eventbridge')).toThrow(ConfigError);
    expect(() => requireJsonRules(deps, 'eventbridge')).toThrow('rule AccessDenied has a terms pattern');
  });

  it('accept JSON rules', () => {
    const deps = { rules: compileRules(SEED_PACK.rules), config: { rulePacks: ['seed'] } } as unknown as HandlerDeps;
    expect(requireJsonRules(deps, 'eventbridge')).toBe(deps);
  });
});
