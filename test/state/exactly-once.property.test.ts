import fc from 'fast-check';
import { RULES } from '../../lib/rules';
import { ruleMatches } from '../../lib/rules/compiled';
import { MemoryStateStore } from '../../lib/state';
import { awslogsEvent, logEventId } from '../../support/awslogs';
import { RECORD_FIXTURES } from '../fixtures/records';
import { metricTotal, stubClients, testHandler } from '../helpers/pipeline';

const NAMES = RECORD_FIXTURES.map((f) => f.name);
const byName = new Map(RECORD_FIXTURES.map((f) => [f.name, f.record]));

/** One delivery attempt: which sinks fail during it. */
const attempt = fc.record({ metrics: fc.boolean(), sns: fc.boolean() });

/** A batch: records (some log events repeated with the same id) and its failed attempts before it succeeds. */
const batch = fc.record({
  records: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 12 }),
  repeatFirst: fc.boolean(),
  failures: fc.array(attempt, { maxLength: 3 }),
  redeliveries: fc.nat({ max: 2 }),
});

describe('exactly-once metrics (property)', () => {
  it('for any sequence of batches, retries and redeliveries included, the published metric values sum to the matching log events with distinct ids', async () => {
    let nextId = 1_000_000;
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 6 }), async (batches) => {
        const stub = stubClients();
        const handler = testHandler({ clients: stub.clients, store: new MemoryStateStore() });
        const expected = new Map<string, number>(RULES.map((r) => [r.metricName, 0]));
        const seen = new Set<string>();
        const t = Date.now() - 60_000;
        for (const b of batches) {
          const entries = b.records.map((name, i) => ({ id: logEventId(nextId++), message: byName.get(name) as Record<string, unknown>, timestamp: t + i }));
          if (b.repeatFirst) entries.push({ ...(entries[0] as (typeof entries)[number]) });
          for (const entry of entries) {
            if (seen.has(entry.id)) continue;
            seen.add(entry.id);
            for (const rule of RULES) if (ruleMatches(rule, entry.message)) expected.set(rule.metricName, (expected.get(rule.metricName) ?? 0) + 1);
          }
          const event = awslogsEvent(entries);
          for (const failure of b.failures) {
            stub.fail.metrics = failure.metrics;
            stub.fail.sns = failure.sns;
            await handler(event).catch((error: Error) => expect(error.name).toBe('DeliveryError'));
          }
          stub.fail.metrics = false;
          stub.fail.sns = false;
          await handler(event);
          for (let i = 0; i < b.redeliveries; i++) expect((await handler(event)).replayed).toBe(true);
        }
        for (const [metricName, count] of expected) expect(metricTotal(stub.sent, metricName)).toBe(count);
      }),
      { numRuns: 60 },
    );
  });
});
