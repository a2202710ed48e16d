import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { compileJsonPattern, FilterPatternSyntaxError } from '../../lib/filter-pattern';
import { summaryMessages } from '../../lib/pipeline';
import { RULES } from '../../lib/rules';
import { ruleMatches } from '../../lib/rules/compiled';
import { MAX_SNS_MESSAGE_BYTES, MAX_SUBJECT_LENGTH, notificationBytes } from '../../lib/sinks/sns';
import { decodeSubscriptionEvent, PayloadDecodeError } from '../../lib/sources/cloudwatch-logs';
import { encodeAwslogs, logEventId, subscriptionPayload } from '../../support/awslogs';
import { generateRecords, seededRng } from '../../support/generator';
import { type Handler, loadDryRunHandler } from '../helpers/load-handler';
import { mutateMessage } from '../helpers/mutate';

/** Garbage at the batch level: what could arrive instead of a subscription event. */
const garbageEvent = fc.oneof(
  fc.anything(),
  fc.record({ awslogs: fc.record({ data: fc.anything() }) }),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => ({ awslogs: { data: Buffer.from(bytes).toString('base64') } })),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => ({ awslogs: { data: gzipSync(bytes).toString('base64') } })),
  fc.jsonValue().map((value) => encodeAwslogs(value)),
  fc.record({ messageType: fc.constantFrom('DATA_MESSAGE', 'CONTROL_MESSAGE', 'x'), logEvents: fc.anything() }).map((p) => encodeAwslogs(p)),
  fc.tuple(fc.string({ maxLength: 200 }), fc.nat()).map(([text, cut]) => {
    const data = encodeAwslogs(subscriptionPayload([{ message: text }])).awslogs.data;
    return { awslogs: { data: data.slice(0, cut % (data.length + 1)) } };
  }),
);

describe('fuzzing', () => {
  it('the decoder throws nothing but PayloadDecodeError, on any input', () => {
    fc.assert(
      fc.property(garbageEvent, (event) => {
        try {
          decodeSubscriptionEvent(event);
        } catch (error) {
          if (!(error instanceof PayloadDecodeError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the engine compiles any text to a pattern or a FilterPatternSyntaxError, and never throws evaluating', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.jsonValue(), (text, event) => {
        let pattern: ReturnType<typeof compileJsonPattern>;
        try {
          pattern = compileJsonPattern(`{ ${text} }`);
        } catch (error) {
          if (!(error instanceof FilterPatternSyntaxError)) throw error;
          return;
        }
        pattern.matches(event);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.anything(), (event) => RULES.every((rule) => typeof ruleMatches(rule, event) === 'boolean')),
      { numRuns: 1000 },
    );
  });

  describe('the handler on a few hundred mixed batches', () => {
    const caps = [1, 3, 20, 50] as const;
    const handlers = new Map<number, Handler>(caps.map((cap) => [cap, loadDryRunHandler({ NOTIFICATION_CAP: String(cap) })]));

    /** Generated records, damaged messages, and entries that are not log events at all. */
    const mixedBatch = fc.tuple(
      fc.integer({ min: 1, max: 2 ** 31 }),
      fc.integer({ min: 0, max: 60 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.array(fc.anything(), { maxLength: 3 }),
    );

    it('counts add up, every alert fits SNS, the cap holds, and only typed errors are thrown', async () => {
      let batches = 0;
      await fc.assert(
        fc.asyncProperty(mixedBatch, fc.constantFrom(...caps), async ([seed, size, matchRate, strays], cap) => {
          const rng = seededRng(seed);
          const logEvents: unknown[] = generateRecords(size, { seed, matchRate }).map((record, i) => {
            const json = JSON.stringify(record);
            return { id: logEventId(rng() < 0.1 ? 0 : i), timestamp: Date.now() - 60_000, message: rng() < 0.4 ? mutateMessage(json, rng) : json };
          });
          for (const stray of strays) logEvents.splice(Math.floor(rng() * (logEvents.length + 1)), 0, stray);
          const event = encodeAwslogs({ ...subscriptionPayload([]), logEvents });
          batches++;
          const summary = await (handlers.get(cap) as Handler)(event);

          expect(summary.logEvents).toBe(logEvents.length);
          expect(summary.rejected).toBeLessThanOrEqual(summary.logEvents);
          expect(summary.rejected + summary.duplicates).toBeLessThanOrEqual(summary.logEvents);
          // `cap` alerts, plus one summary of the rest.
          expect(summary.notifications).toBeLessThanOrEqual(cap + 1);
          const entries = summaryMessages(summary);
          expect(entries).toHaveLength(summary.notifications);
          for (const entry of entries) {
            expect(entry.Subject?.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
            expect(entry.Subject).toMatch(/^[\x20-\x7e]+$/);
            // biome-ignore lint/suspicious/noControlCharactersInRegex: asserts that no control character got through
            expect(entry.Message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
            const bytes = notificationBytes({ subject: entry.Subject!, message: entry.Message!, attributes: entry.MessageAttributes ?? {} });
            expect(bytes).toBeLessThanOrEqual(MAX_SNS_MESSAGE_BYTES);
          }
        }),
        { numRuns: 300 },
      );
      expect(batches).toBe(300);
    }, 60_000);

    it('throws only PayloadDecodeError on garbage batches', async () => {
      const handler = handlers.get(20) as Handler;
      await fc.assert(
        fc.asyncProperty(garbageEvent, async (event) => {
          await handler(event as never).catch((error: Error) => {
            expect(error.name).toBe('PayloadDecodeError');
          });
        }),
        { numRuns: 300 },
      );
    });
  });
});
