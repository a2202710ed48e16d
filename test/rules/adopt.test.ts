import { adoptMetricFilters } from '../../lib/rules/adopt';

const t = (over: Record<string, unknown> = {}) => ({ metricName: 'M', metricNamespace: 'N', metricValue: '1', ...over });

describe('adoptMetricFilters: existing metric filters as rules.yml entries', () => {
  it('adopts every kind of pattern verbatim, with its value and default', () => {
    const { rules, leftOut, adoptedFilterNames } = adoptMetricFilters(
      [
        { filterName: 'Json', filterPattern: '{ $.a = 1 }', metricTransformations: [t({ metricValue: '$.bytes', defaultValue: 0 })] },
        { filterName: 'Terms', filterPattern: 'ERROR', metricTransformations: [t({ metricValue: '2.5', unit: 'None' })] },
        { filterName: 'Space', filterPattern: '[ip, bytes]', metricTransformations: [t({ metricValue: '$bytes' })] },
        { filterName: 'NoValue', filterPattern: '%x%', metricTransformations: [t({ metricValue: undefined })] },
      ],
      [],
    );
    expect(leftOut).toEqual([]);
    expect(adoptedFilterNames).toEqual(['Json', 'Terms', 'Space', 'NoValue']);
    expect(rules.map((r) => [r.id, r.metricValue, r.defaultValue])).toEqual([
      ['Json', '$.bytes', 0],
      ['Terms', 2.5, undefined],
      ['Space', '$bytes', undefined],
      ['NoValue', 1, undefined],
    ]);
    expect(rules[0]).toMatchObject({ severity: 'medium', alert: false, namespace: 'N', metricName: 'M' });
  });

  it('makes one rule per metric transformation, and ids that are valid and unique', () => {
    const { rules } = adoptMetricFilters(
      [
        { filterName: 'Two', filterPattern: 'ERROR', metricTransformations: [t(), t({ metricName: 'M2' })] },
        { filterName: 'RootAccountUsage', filterPattern: 'X', metricTransformations: [t()] },
        { filterName: 'a b/c', filterPattern: 'X', metricTransformations: [t()] },
        { filterName: 'a-b-c', filterPattern: 'X', metricTransformations: [t()] },
        { filterName: 'a|b|c', filterPattern: 'X', metricTransformations: [t()] },
        { filterName: '---', filterPattern: 'X', metricTransformations: [t()] },
      ],
      ['RootAccountUsage'],
      { severity: 'high', alert: true },
    );
    expect(rules.map((r) => r.id)).toEqual(['Two-1', 'Two-2', 'RootAccountUsage-adopted', 'a-b-c', 'a-b-c-adopted', 'a-b-c-adopted-2', 'filter']);
    expect(rules.every((r) => r.severity === 'high' && r.alert)).toBe(true);
  });

  it.each([
    ['a pattern the engine refuses', { filterPattern: '{ $.a == 1 }', metricTransformations: [t()] }, 'pattern not reproducible'],
    ['dimensions', { filterPattern: 'X', metricTransformations: [t({ dimensions: { a: '$.a' } })] }, 'dimensions (a)'],
    ['a unit', { filterPattern: 'X', metricTransformations: [t({ unit: 'Seconds' })] }, 'unit Seconds'],
    ['no metric name', { filterPattern: 'X', metricTransformations: [t({ metricName: undefined })] }, 'no metric name or namespace'],
    ['a value the pattern cannot give', { filterPattern: 'X', metricTransformations: [t({ metricValue: '$.a' })] }, 'metric value not reproducible'],
  ])('leaves out %s, with the reason, and never approximates', (_name, filter, reason) => {
    const { rules, leftOut } = adoptMetricFilters([{ filterName: 'F', ...filter }], []);
    expect(rules).toEqual([]);
    expect(leftOut).toEqual([{ filterName: 'F', reason: expect.stringContaining(reason) }]);
  });

  it('names an unnamed filter', () => {
    expect(adoptMetricFilters([{ filterPattern: '{ $.a == 1 }' }], []).leftOut[0]?.filterName).toBe('(unnamed)');
  });
});
