import fc from 'fast-check';
import { lazyClients } from '../../lib/aws/clients';
import { loadConfig } from '../../lib/config';
import { createHandler } from '../../lib/handler';
import { Replay } from '../../lib/replay';
import { compileRules, rulesOfPacks } from '../../lib/rules';
import { cloudWatchLogsSource } from '../../lib/sources';
import { MemoryStateStore } from '../../lib/state';
import { awslogsEvent } from '../../support/awslogs';
import { generateRecords } from '../../support/generator';
import { recordingLog } from '../helpers/pipeline';

const config = loadConfig({ DRY_RUN: 'true', RULE_PACKS: 'seed,cis', ALERT_WINDOW_SECONDS: '0' });
const rules = compileRules(rulesOfPacks(['seed', 'cis']));

/** Per-metric totals of a handler summary's PutMetricData inputs. */
function metricTotals(inputs: readonly { MetricData?: { MetricName?: string; Values?: number[]; Counts?: number[] }[] }[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const input of inputs)
    for (const datum of input.MetricData ?? []) {
      const sum = (datum.Values ?? []).reduce((s, v, i) => s + v * ((datum.Counts ?? [])[i] ?? 1), 0);
      totals[datum.MetricName as string] = (totals[datum.MetricName as string] ?? 0) + sum;
    }
  return totals;
}

describe('replay counts what the function counts', () => {
  it('gives the same matched counts and metric totals as the handler on the same records as subscription batches (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 80 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        async (seed, count, cuts) => {
          const now = Date.now() - 3_600_000;
          const messages = generateRecords(count, { seed, matchRate: 0.5 }).map((r) => JSON.stringify(r));
          const handler = createHandler(cloudWatchLogsSource, { config, rules, clients: lazyClients(), store: new MemoryStateStore(), logger: recordingLog() });
          const matched: Record<string, number> = {};
          const metrics: Parameters<typeof metricTotals>[0][number][] = [];
          for (let at = 0, i = 0; at < messages.length; i++) {
            const size = cuts[i % cuts.length] as number;
            const slice = messages.slice(at, at + size);
            at += size;
            // Recent timestamps: the function drops datapoints older than two weeks, replay keeps them.
            const summary = await handler(awslogsEvent(slice.map((message, k) => ({ message, timestamp: now + at - size + k }))));
            for (const [id, n] of Object.entries(summary.matched)) matched[id] = (matched[id] ?? 0) + n;
            metrics.push(...(summary.metrics as never[]));
          }
          const replay = new Replay({ rules, config, batchSize: 7 });
          replay.add(
            'f',
            messages.map((message, i) => ({ message, timestamp: now + i, position: `line ${i + 1}` })),
          );
          const result = replay.finish();
          expect(result.matched).toEqual(matched);
          const replayTotals: Record<string, number> = {};
          for (const m of result.metrics) replayTotals[m.metricName] = (replayTotals[m.metricName] ?? 0) + m.value;
          expect(replayTotals).toEqual(metricTotals(metrics));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('leaves out records outside --since/--until and follows event time for alert windows', () => {
    const base = Date.UTC(2026, 2, 1, 9);
    const record = (minute: number) => ({
      message: JSON.stringify({
        eventTime: new Date(base + minute * 60_000).toISOString(),
        eventName: 'ListBuckets',
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/a', sessionContext: { attributes: { mfaAuthenticated: 'false' } } },
      }),
      timestamp: base + minute * 60_000,
      position: `line ${minute}`,
    });
    const windowed = loadConfig({ DRY_RUN: 'true', ALERT_WINDOW_SECONDS: '3600' });
    const replay = new Replay({ rules: compileRules(rulesOfPacks(['seed'])), config: windowed, batchSize: 1, since: base, until: base + 3 * 3_600_000 });
    replay.add('f', [record(-1), record(0), record(10), record(59), record(61), record(200)]);
    const result = replay.finish();
    expect(result.outsideTimeRange).toBe(2);
    expect(result.matched.ApiActivityWithoutMFA).toBe(4);
    // Alerts at minute 0 and 61 (a window of an hour in event time); 10 and 59 are deduplicated.
    expect(result.alerts).toHaveLength(2);
    expect(result.deduplicated).toEqual({ ApiActivityWithoutMFA: 2 });
    expect(result.metrics.map((m) => m.minute)).toEqual([
      '2026-03-01T09:00:00.000Z',
      '2026-03-01T09:10:00.000Z',
      '2026-03-01T09:59:00.000Z',
      '2026-03-01T10:01:00.000Z',
    ]);
  });

  it('reports records that are not JSON with their file and position', () => {
    const replay = new Replay({ rules, config });
    replay.add('a.jsonl', [{ message: 'not json', timestamp: 1, position: 'line 3' }]);
    expect(replay.finish().problems).toEqual([{ path: 'a.jsonl', position: 'line 3', reason: expect.stringContaining('not a JSON object') }]);
  });
});

describe('replay batches', () => {
  it('starts a new batch when records are more than a day apart, so every datapoint counts', () => {
    const base = Date.UTC(2026, 0, 1);
    const record = (day: number) => ({
      message: JSON.stringify({
        eventTime: new Date(base + day * 86_400_000).toISOString(),
        userIdentity: { type: 'Root', arn: 'arn:aws:iam::1:root' },
        eventType: 'AwsApiCall',
      }),
      timestamp: base + day * 86_400_000,
      position: `line ${day}`,
    });
    const replay = new Replay({ rules: compileRules(rulesOfPacks(['seed'])), config: loadConfig({ DRY_RUN: 'true' }) });
    // Out of time order on purpose: the earlier day comes last.
    replay.add('f', [record(30), record(0), record(60), record(10)]);
    const result = replay.finish();
    expect(result.matched.RootAccountUsage).toBe(4);
    expect(result.metrics.reduce((n, m) => n + m.value, 0)).toBe(4);
    expect(result.from).toBe(new Date(base).toISOString());
    expect(result.to).toBe(new Date(base + 60 * 86_400_000).toISOString());
  });

  it('reports no times for an empty replay', () => {
    expect(new Replay({ rules, config }).finish()).toMatchObject({ records: 0, from: undefined, to: undefined, alerts: [], metrics: [] });
  });
});
