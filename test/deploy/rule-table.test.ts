import { readFileSync } from 'node:fs';
import { PACKS } from '../../lib/rules';
import { README, ruleTable, withRuleTable } from '../../scripts/rule-table';

describe("the README's rule table", () => {
  it('is exactly what npm run rule-table generates from the packs', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withRuleTable(readme)).toBe(readme);
  });

  it('lists every rule of every pack, with its pattern verbatim', () => {
    const table = ruleTable();
    for (const pack of Object.values(PACKS)) for (const rule of pack.rules) expect(table).toContain(`| \`${rule.id}\` | ${pack.id} |`);
    expect(table.split('\n')).toHaveLength(2 + Object.values(PACKS).reduce((n, p) => n + p.rules.length, 0));
  });

  it('refuses a README without the markers', () => {
    expect(() => withRuleTable('# no table')).toThrow('rules:start');
  });
});
