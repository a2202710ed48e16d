import { readFileSync } from 'node:fs';
import { PACKS } from '../../lib/rules';
import { README, ruleTable, withRuleTable } from '../../scripts/rule-table';

describe("the README's rule table", () => {
  // Biome pads markdown tables; the cells are what count.
  const cells = (text: string) => text.replace(/-{3,}/g, '---').replace(/ {2,}/g, ' ');

  it('is exactly what npm run rule-table generates from the packs (cell by cell)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(cells(withRuleTable(readme))).toBe(cells(readme));
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
