import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileValueSelector } from '../../lib/filter-pattern';
import { compileRules, parseUserRules, RuleFileError, SEED_PACK } from '../../lib/rules';
import { MetricAccumulator, planMetricData } from '../../lib/sinks/metrics';
import { thrown } from '../helpers/thrown';

const SEED_IDS = SEED_PACK.rules.map((r) => r.id);
const valid = { id: 'TrailDeleted', pattern: '{ $.eventName = "DeleteTrail" }', metricName: 'TrailDeletedCount', severity: 'critical' };
const { loadRulesFile } = require('../../scripts/yaml-files.js') as {
  loadRulesFile(path: string, ids: readonly string[], namespace: string, options?: { required?: boolean }): { json: string; rules: { id: string }[] };
};

describe('the user rules file', () => {
  it('turns entries into rules of the user pack, with defaults', () => {
    const [rule] = parseUserRules([valid], SEED_IDS, 'CloudTrailMetrics');
    expect(rule).toEqual({
      id: 'TrailDeleted',
      pack: 'user',
      pattern: valid.pattern,
      metricName: 'TrailDeletedCount',
      namespace: 'CloudTrailMetrics',
      metricValue: 1,
      title: 'TrailDeleted',
      severity: 'critical',
      alert: { enabled: true },
    });
  });

  it.each([null, undefined, []])('treats %p (a file of comments only) as no rules', (document) => {
    expect(parseUserRules(document, SEED_IDS, 'CloudTrailMetrics')).toEqual([]);
  });

  it.each([
    ['a mapping instead of a list', { a: 1 }, 'file', undefined, undefined],
    ['an id a pack already uses', [{ ...valid, id: 'RootAccountUsage' }], '"RootAccountUsage" (#1)', 'id', undefined],
    ['a repeated id', [valid, valid], '"TrailDeleted" (#2)', 'id', undefined],
    ['a bad pattern', [{ ...valid, pattern: '{ $.a == 1 }' }], '"TrailDeleted" (#1)', 'pattern', 7],
    ['no metric name', [{ ...valid, metricName: undefined }], '"TrailDeleted" (#1)', 'metricName', undefined],
    ['a metric name with a colon', [{ ...valid, metricName: 'a:b' }], '"TrailDeleted" (#1)', 'metricName', undefined],
    ['an AWS/ namespace', [{ ...valid, namespace: 'AWS/Logs' }], '"TrailDeleted" (#1)', 'namespace', undefined],
    ['a metric value that is not a number or a field', [{ ...valid, metricValue: 'ten' }], '"TrailDeleted" (#1)', 'metricValue', undefined],
    ['a wildcard metric value', [{ ...valid, metricValue: '$.a[*]' }], '"TrailDeleted" (#1)', 'metricValue', 1],
    ['a non-numeric default value', [{ ...valid, defaultValue: 'zero' }], '"TrailDeleted" (#1)', 'defaultValue', undefined],
    ['no severity', [{ ...valid, severity: undefined }], '"TrailDeleted" (#1)', 'severity', undefined],
    ['alert that is not a boolean', [{ ...valid, alert: 'yes' }], '"TrailDeleted" (#1)', 'alert', undefined],
    ['an unknown field', [{ ...valid, threshold: 3 }], '"TrailDeleted" (#1)', 'threshold', undefined],
  ])('rejects %s, naming the entry, the field and the column', (_, document, entry, field, column) => {
    const error = thrown(RuleFileError, () => parseUserRules(document, SEED_IDS, 'CloudTrailMetrics'));
    expect({ entry: error.entry, field: error.field, column: error.column }).toEqual({ entry, field, column });
  });

  it('publishes a $.field metric value per match, as a metric filter would, and nothing for a match without one', () => {
    const [rule] = compileRules(parseUserRules([{ ...valid, metricValue: '$.bytes', namespace: 'Security/S3' }], SEED_IDS, 'CloudTrailMetrics'), {
      namespace: 'Other',
    });
    if (!rule) throw new Error('no rule');
    expect(rule.namespace).toBe('Security/S3');
    const now = Date.UTC(2026, 10, 30, 12, 0, 0);
    const metrics = new MetricAccumulator(now);
    for (const bytes of [10, 10, 25, '7', 'x', undefined]) metrics.add(rule, now - 1000, bytes === undefined ? {} : { bytes });
    const [input] = planMetricData(metrics.result());
    expect(input?.Namespace).toBe('Security/S3');
    expect(input?.MetricData?.map((d) => [d.Values?.[0], d.Counts?.[0]])).toEqual([
      [10, 2],
      [25, 1],
      [7, 1],
    ]);
  });

  it('reads the shipped example as no rules, and its entries are valid once uncommented', () => {
    const shipped = readFileSync(join(__dirname, '..', '..', 'rules.yml'), 'utf8');
    const path = (name: string, text: string) => {
      const file = join(tmpdir(), `trailwatch-${process.pid}-${name}.yml`);
      writeFileSync(file, text);
      return file;
    };
    expect(loadRulesFile(path('shipped', shipped), SEED_IDS, 'CloudTrailMetrics').rules).toEqual([]);
    const uncommented = shipped
      .split('\n')
      .filter((line) => /^# (- | {2}[a-z])/.test(line))
      .map((line) => line.slice(2))
      .join('\n');
    expect(loadRulesFile(path('uncommented', uncommented), SEED_IDS, 'CloudTrailMetrics').rules.map((r) => r.id)).toEqual([
      'DeleteTrailOrLogGroup',
      'LargeS3Download',
    ]);
  });
});

describe('compileValueSelector: a metric filter $.field metric value', () => {
  it.each([
    [{ a: { b: 5 } }, 5],
    [{ a: { b: '12.5' } }, 12.5],
    [{ a: { b: '1e3' } }, 1000],
    [{ a: { b: 'x' } }, undefined],
    [{ a: { b: true } }, undefined],
    [{ a: {} }, undefined],
    [[], undefined],
  ])('%j → %p', (record, expected) => {
    expect(compileValueSelector('$.a.b')(record)).toBe(expected);
  });

  it.each([
    ['$.a[*]', 1],
    ['$.a ==', 5],
  ])('refuses %s with the column in the selector', (text, column) => {
    expect(() => compileValueSelector(text)).toThrow(expect.objectContaining({ name: 'FilterPatternSyntaxError', column }));
  });
});
