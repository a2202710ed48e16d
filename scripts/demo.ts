// Shows the engine on the three seed rules (replaced by the detector demo).
import { RULES } from '../lib/rules';
import { RECORD_FIXTURES } from '../test/fixtures/records';

for (const f of RECORD_FIXTURES) {
  const hits = RULES.filter((rule) => rule.compiled.matches(f.record)).map((rule) => rule.id);
  console.log(`${f.name.padEnd(34)} ${hits.join(', ') || '-'}`);
}
