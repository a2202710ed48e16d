/**
 * The handler/floor rows of `npm run bench`: the shipped handler against the floor (decode +
 * gunzip + JSON.parse of every message) and a naive hand-written handler, on the same fresh
 * batch in each round. `bench.ts` runs each handler configuration in a process of its own
 * (rows-child.ts), as Lambda runs one handler per process.
 */
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent, KinesisStreamEvent } from 'aws-lambda';
import type { Summary } from '../lib/pipeline';
import { awslogsEvent, kinesisEvent, subscriptionPayload } from '../support/awslogs';
import { generateRecords } from '../support/generator';

export type Handler = (event: CloudWatchLogsEvent) => Promise<Summary>;

/**
 * The shipped bundle's handler (esbuild.config.js), in DRY_RUN with the in-memory state:
 * what Lambda runs, not the TypeScript sources. The environment is read at its cold start.
 */
export async function shippedHandler(entry: string, rulePacks = 'seed'): Promise<Handler> {
  Object.assign(process.env, { DRY_RUN: 'true', LOG_LEVEL: 'SILENT', MAX_BATCH_BYTES: String(1024 * 1024 * 1024), RULE_PACKS: rulePacks });
  delete process.env.STATE_TABLE_NAME;
  // A query per pack list: a fresh module instance, whose cold start reads RULE_PACKS again.
  const module = (await import(`${pathToFileURL(entry).href}?packs=${rulePacks}`)) as { handler: Handler };
  return module.handler;
}

type Payload = { logEvents: { id: string; timestamp: number; message: string }[] };
const read = (event: CloudWatchLogsEvent): Payload => JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8')) as Payload;

/** 1. The floor: the work no correct detector can avoid. */
function floor(event: CloudWatchLogsEvent): number {
  let keys = 0;
  for (const { message } of read(event).logEvents) keys += Object.keys(JSON.parse(message) as object).length;
  return keys;
}

/** 2. What users write by hand: parse everything, test the rules with property checks. */
function naive(event: CloudWatchLogsEvent): number {
  let hits = 0;
  for (const { message } of read(event).logEvents) {
    const r = JSON.parse(message) as any;
    const ui = r?.userIdentity;
    if (ui?.type === 'Root' && ui.invokedBy === undefined && r.eventType !== 'AwsServiceEvent') hits++;
    if (ui?.sessionContext?.attributes?.mfaAuthenticated !== undefined && ui.sessionContext.attributes.mfaAuthenticated !== 'true') hits++;
    if (r?.eventName === 'ConsoleLogin' && r.additionalEventData?.MFAUsed === 'No') hits++;
  }
  return hits;
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * [records, rounds, candidate share]. 2%: today's mix without a pre-filter. 100%: every record
 * a candidate, which is what the deployed subscription's pre-filter lets through in production.
 * The 100% rows carry the handler/floor budget and get 41 rounds: at 21, their median moved by
 * up to ±0.035 between identical runs on a shared machine.
 */
export const ROWS: readonly (readonly [number, number, number])[] = [
  [1_000, 41, 0.02],
  [10_000, 21, 0.02],
  [10_000, 41, 1],
];

export async function timeRows(handler: Handler, rows_ = ROWS, label = ''): Promise<string[]> {
  const rows: string[] = [];
  for (const [count, runs, matchRate] of rows_) {
    const records = generateRecords(count, { seed: 42, matchRate });
    // A fresh batch (new log event ids) per run: the handler keeps state, and a batch it has
    // seen would be a replay, which skips the alert policy.
    const events = Array.from({ length: runs + 2 }, () => awslogsEvent(records.map((message, i) => ({ message, timestamp: Date.now() - 60_000 + i }))));
    const times = { floor: [] as number[], naive: [] as number[], handler: [] as number[] };
    const ratios = { floor: [] as number[], naive: [] as number[] };
    let sink = 0;
    for (let run = -2; run < runs; run++) {
      const event = events[run + 2] as CloudWatchLogsEvent;
      // Rotate the order so no variant always runs first (or last) in a round.
      const order = (['floor', 'naive', 'handler'] as const).map((_, i, all) => all[(i + run + 3) % 3] as keyof typeof times);
      const round: Partial<Record<keyof typeof times, number>> = {};
      for (const variant of order) {
        const start = process.hrtime.bigint();
        if (variant === 'floor') sink += floor(event);
        else if (variant === 'naive') sink += naive(event);
        else {
          const summary = await handler(event);
          if (summary.replayed) throw new Error('bench: a run was a replay');
          sink += summary.logEvents;
        }
        round[variant] = ms(start);
      }
      if (run < 0) continue;
      for (const variant of order) times[variant].push(round[variant] as number);
      // The ratio within one round cancels the machine's drift between rounds.
      ratios.floor.push((round.handler as number) / (round.floor as number));
      ratios.naive.push((round.handler as number) / (round.naive as number));
    }
    const [f, n, h] = [median(times.floor), median(times.naive), median(times.handler)];
    const base64MB = ((events[0] as CloudWatchLogsEvent).awslogs.data.length / 1e6).toFixed(1);
    rows.push(
      `| ${count.toLocaleString('en')}${label} | ${matchRate * 100}% | ${base64MB} | ${f.toFixed(1)} | ${n.toFixed(1)} | ${h.toFixed(1)} | **${median(ratios.floor).toFixed(2)}** | ${median(ratios.naive).toFixed(2)} | ${((h / count) * 1000).toFixed(2)} |`,
    );
    if (sink === -1) console.log(sink);
  }
  return rows;
}

/**
 * The Kinesis handler (source=kinesis) on 10,000 log events in 100 records of 100 events
 * (each record one gzip'd subscription payload), every record a candidate. The floor decodes
 * every record and parses every message.
 */
export async function kinesisRow(handler: Handler): Promise<string> {
  const runs = 41;
  const records = generateRecords(10_000, { seed: 43, matchRate: 1 });
  const events = Array.from({ length: runs + 2 }, () =>
    kinesisEvent(
      Array.from({ length: 100 }, (_, r) => ({
        payload: subscriptionPayload(records.slice(r * 100, r * 100 + 100).map((message, i) => ({ message, timestamp: Date.now() - 60_000 + i }))),
      })),
    ),
  );
  const floorKinesis = (event: KinesisStreamEvent): number => {
    let keys = 0;
    for (const record of event.Records) {
      const payload = JSON.parse(gunzipSync(Buffer.from(record.kinesis.data, 'base64')).toString('utf8')) as Payload;
      for (const { message } of payload.logEvents) keys += Object.keys(JSON.parse(message) as object).length;
    }
    return keys;
  };
  const times = { floor: [] as number[], handler: [] as number[] };
  const ratios: number[] = [];
  let sink = 0;
  for (let run = -2; run < runs; run++) {
    const event = events[run + 2] as KinesisStreamEvent;
    const order = run % 2 === 0 ? (['floor', 'handler'] as const) : (['handler', 'floor'] as const);
    const round: Partial<Record<'floor' | 'handler', number>> = {};
    for (const variant of order) {
      const start = process.hrtime.bigint();
      if (variant === 'floor') sink += floorKinesis(event);
      else {
        const response = (await (handler as unknown as (e: KinesisStreamEvent) => Promise<{ batchItemFailures: unknown[] }>)(event)) ?? {
          batchItemFailures: [],
        };
        sink += response.batchItemFailures.length;
      }
      round[variant] = ms(start);
    }
    if (run < 0) continue;
    times.floor.push(round.floor as number);
    times.handler.push(round.handler as number);
    ratios.push((round.handler as number) / (round.floor as number));
  }
  if (sink === -1) console.log(sink);
  const [f, h] = [median(times.floor), median(times.handler)];
  const base64MB = ((events[0] as KinesisStreamEvent).Records.reduce((n, r) => n + r.kinesis.data.length, 0) / 1e6).toFixed(1);
  return `| 10,000 in 100 Kinesis records | 100% | ${base64MB} | ${f.toFixed(1)} | - | ${h.toFixed(1)} | **${median(ratios).toFixed(2)}** | - | ${((h / 10_000) * 1000).toFixed(2)} |`;
}
