/**
 * Runs the detector (dry run) over the shared corpus of published CloudTrail records and
 * compares its counts with an independent hand-written version of the three metric filters.
 *
 *   npm run corpus [-- DIR]      DIR defaults to ../shared/corpus beside the checkout
 *
 * The project does not depend on that folder: this script is a check, not a test fixture.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULE_DEFINITIONS, type SeedRuleId } from '../lib/rules';
import { awslogsEvent } from '../support/awslogs';
import { oracle } from '../support/oracle';
import { dryRunHandler } from './dry-run-handler';

const handler = dryRunHandler();

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'shared', 'corpus'));
  if (!existsSync(dir)) {
    console.error(`No corpus at ${dir}; pass its folder: npm run corpus -- /path/to/corpus`);
    process.exitCode = 2;
    return;
  }
  const ids = RULE_DEFINITIONS.map((r) => r.id as SeedRuleId);
  const total = { records: 0, rejected: 0 } as { records: number; rejected: number };
  const detector = Object.fromEntries(ids.map((id) => [id, 0])) as Record<SeedRuleId, number>;
  const expected = { ...detector };
  let disagreements = 0;
  console.log(`${'file'.padEnd(44)} ${'records'.padStart(7)} ${ids.map((id) => id.padStart(24)).join('')}`);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const lines = readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const summary = await handler(awslogsEvent(lines.map((message) => ({ message, timestamp: Date.now() }))));
    const fileExpected = Object.fromEntries(ids.map((id) => [id, 0])) as Record<SeedRuleId, number>;
    for (const line of lines) {
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        continue;
      }
      const verdict = oracle(record);
      for (const id of ids) if (verdict[id]) fileExpected[id]++;
    }
    total.records += summary.logEvents;
    total.rejected += summary.rejected;
    for (const id of ids) {
      detector[id] += summary.matched[id] ?? 0;
      expected[id] += fileExpected[id];
      if (summary.matched[id] !== fileExpected[id]) disagreements++;
    }
    console.log(
      `${file.padEnd(44)} ${String(summary.logEvents).padStart(7)} ${ids.map((id) => `${summary.matched[id]}/${fileExpected[id]}`.padStart(24)).join('')}`,
    );
  }
  console.log(
    `${'TOTAL (detector/metric filter)'.padEnd(44)} ${String(total.records).padStart(7)} ${ids.map((id) => `${detector[id]}/${expected[id]}`.padStart(24)).join('')}`,
  );
  console.log(`rejected: ${total.rejected}; files where detector and metric filters disagree: ${disagreements}`);
  if (disagreements > 0) process.exitCode = 1;
}

void main();
