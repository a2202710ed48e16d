import { compileRules, RULE_DEFINITIONS } from '../../lib/rules';
import { buildMetricData, MAX_METRIC_DATA_PER_REQUEST, MAX_PUT_METRIC_DATA_BYTES, MINUTE_MS } from '../../lib/sinks/metrics';
import { match } from '../helpers/matches';

const NOW = Date.UTC(2026, 2, 2, 12, 0, 0);
const at = (minutesAgo: number, seconds = 0): number => NOW - minutesAgo * MINUTE_MS + seconds * 1000;

describe('buildMetricData', () => {
  it('publishes nothing when nothing matched', () => {
    expect(buildMetricData([], NOW)).toEqual({ inputs: [], outOfWindow: 0 });
  });

  it('emits value 1 per event, per metric and minute, with no dimensions, in one request', () => {
    const matches = [
      match('RootAccountUsage', {}, at(3, 5)),
      match('RootAccountUsage', {}, at(3, 50)),
      match('RootAccountUsage', {}, at(1, 0)),
      match('ConsoleSignInWithoutMfa', {}, at(3, 10)),
    ];
    const { inputs } = buildMetricData(matches, NOW);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toEqual({
      Namespace: 'CloudTrailMetrics',
      MetricData: [
        { MetricName: 'RootAccountUsageCount', Timestamp: new Date(at(3)), Values: [1], Counts: [2] },
        { MetricName: 'RootAccountUsageCount', Timestamp: new Date(at(1)), Values: [1], Counts: [1] },
        { MetricName: 'ConsoleSignInWithoutMfaCount', Timestamp: new Date(at(3)), Values: [1], Counts: [1] },
      ],
    });
    const total = inputs[0]?.MetricData?.reduce((sum, d) => sum + (d.Counts?.[0] ?? 0), 0);
    expect(total).toBe(matches.length);
    expect(inputs[0]?.MetricData?.every((d) => d.Dimensions === undefined)).toBe(true);
  });

  it('uses the configured namespace', () => {
    const [rule] = compileRules(
      RULE_DEFINITIONS.filter((r) => r.id === 'ApiActivityWithoutMFA'),
      { namespace: 'Custom/Sec' },
    );
    expect(buildMetricData([{ ...match('ApiActivityWithoutMFA', {}, at(0)), rule: rule! }], NOW).inputs[0]?.Namespace).toBe('Custom/Sec');
  });

  it.each([
    ['older than two weeks', NOW - 14 * 24 * 60 * MINUTE_MS - 1, 1],
    ['more than two hours ahead', NOW + 2 * 60 * MINUTE_MS + 1, 1],
    ['exactly two weeks old', NOW - 14 * 24 * 60 * MINUTE_MS, 0],
    ['exactly two hours ahead', NOW + 2 * 60 * MINUTE_MS, 0],
  ])('a datapoint %s is outside PutMetricData’s window: out of window = %i', (_label, timestamp, outOfWindow) => {
    const plan = buildMetricData([match('RootAccountUsage', {}, timestamp)], NOW);
    expect(plan.outOfWindow).toBe(outOfWindow);
    expect(plan.inputs.length).toBe(1 - outOfWindow);
  });

  it('splits only where the 1,000-datum limit forces it, and stays under 1 MB', () => {
    const matches = Array.from({ length: 2500 }, (_, i) => match('RootAccountUsage', {}, NOW - i * MINUTE_MS));
    const { inputs } = buildMetricData(matches, NOW);
    expect(inputs.map((input) => input.MetricData?.length)).toEqual([MAX_METRIC_DATA_PER_REQUEST, MAX_METRIC_DATA_PER_REQUEST, 500]);
    for (const input of inputs) expect(Buffer.byteLength(JSON.stringify(input))).toBeLessThan(MAX_PUT_METRIC_DATA_BYTES / 4);
  });
});
