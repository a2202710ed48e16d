/**
 * npm run bench: trailwatch's handler against the floor (decode + gunzip + JSON.parse of
 * every message) and a naive hand-written handler, measured side by side in one run.
 * Ratios are what count: absolute times on a shared machine are noise.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent, KinesisStreamEvent } from 'aws-lambda';
import { build } from 'esbuild';
import { windowKey } from '../lib/alerts';
import type { Clients } from '../lib/aws/clients';
import { loadConfig } from '../lib/config';
import { createHandler } from '../lib/handler';
import type { Summary } from '../lib/pipeline';
import { evaluateForAlerts, summaryMessages } from '../lib/pipeline';
import { RULES } from '../lib/rules';
import { cloudWatchLogsSource } from '../lib/sources';
import { MemoryStateStore } from '../lib/state';
import { awslogsEvent, kinesisEvent, subscriptionPayload } from '../support/awslogs';
import { BUSY_HOUR_SESSIONS, busyHour } from '../support/busy-hour';
import { generateRecords } from '../support/generator';
import { replayRow } from './replay';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
/** An asynchronous invocation carries at most 1 MB: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
const ASYNC_PAYLOAD_BYTES = 1024 * 1024;

type Handler = (event: CloudWatchLogsEvent) => Promise<Summary>;

/**
 * The shipped bundle's handler (esbuild.config.js), in DRY_RUN with the in-memory state:
 * what Lambda runs, not the TypeScript sources. The environment is read at its cold start.
 */
async function shippedHandler(entry: string, rulePacks = 'seed'): Promise<Handler> {
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

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** 2%: today's mix without a pre-filter. 100%: every record a candidate, which is what the deployed subscription's pre-filter lets through in production. */
const ROWS: readonly (readonly [number, number, number])[] = [
  [1_000, 41, 0.02],
  [10_000, 21, 0.02],
  [10_000, 21, 1],
];

async function timeRows(handler: Handler, rows_ = ROWS, label = ''): Promise<string[]> {
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
async function kinesisRow(handler: Handler): Promise<string> {
  const runs = 21;
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

interface Bundle {
  /** The handler's entry file. */
  readonly entry: string;
  /** Every file shipped: the entry plus its chunks. */
  readonly bytes: number;
  /** What a cold start compiles: the entry and the chunks it imports statically. */
  readonly coldBytes: number;
}

async function bundle(entryPoint = 'detector', sdks: string[] = []): Promise<Bundle> {
  const config = require('../esbuild.config.js') as ((sdks?: string[]) => Record<string, unknown>) & { writeModulePackageJson(dir: string): void };
  const options = config(sdks);
  const outdir = join(OUT, `${entryPoint === 'detector' ? 'bundle' : `bundle-${entryPoint}`}${sdks.length > 0 ? '-all-sinks' : ''}`);
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({ ...options, entryPoints: [join(ROOT, 'handlers', `${entryPoint}.ts`)], outdir, metafile: true, logLevel: 'error' });
  config.writeModulePackageJson(outdir);
  const outputs = result.metafile.outputs;
  const entryKey = Object.keys(outputs).find((key) => outputs[key]?.entryPoint !== undefined) as string;
  const staticBytes = (key: string, seen: Set<string>): number => {
    if (seen.has(key)) return 0;
    seen.add(key);
    const output = outputs[key];
    if (!output) return 0;
    return output.bytes + output.imports.filter((i) => i.kind === 'import-statement' && !i.external).reduce((sum, i) => sum + staticBytes(i.path, seen), 0);
  };
  return {
    entry: resolve(ROOT, entryKey),
    bytes: Object.values(outputs).reduce((sum, output) => sum + output.bytes, 0),
    coldBytes: staticBytes(entryKey, new Set()),
  };
}

/** A plain node environment for child processes: no tsx loader (NODE_OPTIONS) from this script. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DRY_RUN: 'true', LOG_LEVEL: 'SILENT' };
  delete env.NODE_OPTIONS;
  delete env.MAX_BATCH_BYTES;
  return env;
}

/** Median time to import() an ES module in fresh node processes. */
function importTime(modulePath: string, runs = 15): number {
  const script = `const t=process.hrtime.bigint();await import(${JSON.stringify(modulePath)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const env = childEnv();
  const once = (): number => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' }));
  return median(Array.from({ length: runs }, once));
}

/** Peak RSS of a fresh process that loads the bundle and handles one ~1 MB batch. */
function peakRss(bundlePath: string): { rssMB: number; records: number; base64Bytes: number } {
  const records = generateRecords(20_000, { seed: 7, matchRate: 0.02 });
  let lo = 1;
  let hi = records.length;
  // The most records whose awslogs event stays within the async payload limit.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const size = JSON.stringify(awslogsEvent(records.slice(0, mid).map((message) => ({ message, timestamp: Date.now() })))).length;
    if (size <= ASYNC_PAYLOAD_BYTES) lo = mid;
    else hi = mid - 1;
  }
  const event = awslogsEvent(records.slice(0, lo).map((message) => ({ message, timestamp: Date.now() })));
  const eventPath = join(OUT, 'batch-1mb.json');
  writeFileSync(eventPath, JSON.stringify(event));
  const script = `import fs from 'node:fs';const {handler}=await import(${JSON.stringify(bundlePath)});
handler(JSON.parse(fs.readFileSync(${JSON.stringify(eventPath)},'utf8'))).then(s=>{
  // VmHWM: this process's own peak RSS. ru_maxrss would include the parent's RSS from before exec.
  const hwm=/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status','utf8'));
  process.stdout.write(JSON.stringify({rss:hwm?Number(hwm[1]):process.resourceUsage().maxRSS,n:s.logEvents}))})`;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: childEnv(), encoding: 'utf8' })) as {
    rss: number;
    n: number;
  };
  return { rssMB: out.rss / 1024, records: out.n, base64Bytes: event.awslogs.data.length };
}

interface BusyHourFigures {
  readonly invocations: number;
  readonly logEvents: number;
  readonly messages: number;
  /** Alerts about a (rule, principal) pair that had already been alerted in the hour. */
  readonly repeats: number;
  /** (rule, principal) pairs that matched but never got an alert of their own. */
  readonly lostPairs: number;
  readonly pairs: number;
  readonly stateCalls: number;
}

/** The busy hour through the real pipeline (dry-run, in-memory state), as the alert channel sees it. */
async function busyHourFigures(alertWindowSeconds: number): Promise<BusyHourFigures> {
  const config = loadConfig({ DRY_RUN: 'true', LOG_LEVEL: 'SILENT', ALERT_WINDOW_SECONDS: String(alertWindowSeconds) });
  const store = new MemoryStateStore();
  let now = 0;
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const handler = createHandler(cloudWatchLogsSource, { config, rules: RULES, clients: {} as Clients, store, logger: silent, clock: () => now });
  const matched = new Set<string>();
  const alerted = new Set<string>();
  let invocations = 0;
  let logEvents = 0;
  let messages = 0;
  let repeats = 0;
  for (const batch of busyHour()) {
    now = batch.at;
    invocations++;
    logEvents += batch.logEvents;
    const decoded = cloudWatchLogsSource.decode(batch.event, { maxBytes: config.maxBatchBytes });
    for (const group of evaluateForAlerts(decoded, RULES, config, [], now).groups) matched.add(windowKey(group));
    for (const message of summaryMessages(await handler(batch.event))) {
      messages++;
      const rule = message.MessageAttributes?.rule?.StringValue;
      if (rule === 'Overflow') continue;
      const pair = `${rule}#${message.MessageAttributes?.principal?.StringValue}`;
      if (alerted.has(pair)) repeats++;
      alerted.add(pair);
    }
  }
  const lostPairs = [...matched].filter((pair) => !alerted.has(pair)).length;
  return { invocations, logEvents, messages, repeats, lostPairs, pairs: matched.size, stateCalls: store.calls };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  // `npm run bench -- busy-hour`: only the busy-hour table.
  if (process.argv.includes('busy-hour')) return printBusyHour();
  // `npm run bench -- replay`: only the replay row.
  if (process.argv.includes('replay')) return void console.log(replayRow(OUT));
  console.log(`trailwatch benchmark: node ${process.version}, ${process.arch}; generated CloudTrail records\n`);
  console.log('Ratios are medians of per-round ratios (each round runs the three variants on the same fresh batch).\n');
  console.log('| records | candidates | base64 MB | floor ms | naive ms | trailwatch ms | trailwatch/floor | trailwatch/naive | µs/record |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const built = await bundle();
  const allSinks = await bundle('detector', ['chatbot', 'securityHub', 'eventBridge']);
  for (const row of await timeRows(await shippedHandler(built.entry))) console.log(row);
  for (const row of await timeRows(await shippedHandler(built.entry, 'seed,cis'), [[10_000, 21, 1]], ', packs seed,cis')) console.log(row);
  console.log(await kinesisRow(await shippedHandler((await bundle('kinesis')).entry)));
  const empty = join(OUT, 'empty.mjs');
  writeFileSync(empty, '');
  const [bundleImport, emptyImport] = [importTime(built.entry), importTime(empty)];
  const rss = peakRss(built.entry);
  console.log(
    `\nbundle (esbuild.config.js, minified): ${(built.bytes / 1024).toFixed(1)} KB shipped in all; ${(built.coldBytes / 1024).toFixed(1)} KB loaded at cold start (the SDK chunks load on first send)`,
  );
  console.log(
    `bundle with every output on (chatTopicArn, securityHub, eventBusName): ${(allSinks.bytes / 1024).toFixed(1)} KB shipped in all; ${(allSinks.coldBytes / 1024).toFixed(1)} KB at cold start`,
  );
  console.log(`cold-start import of the bundle: ${bundleImport.toFixed(1)} ms (an empty module: ${emptyImport.toFixed(2)} ms), median of 15 fresh processes`);
  console.log(
    `peak RSS, fresh process, one ${(rss.base64Bytes / 1e6).toFixed(2)} MB base64 batch of ${rss.records.toLocaleString('en')} records: ${rss.rssMB.toFixed(0)} MB`,
  );
  await printBusyHour();
  console.log(replayRow(OUT));
}

async function printBusyHour(): Promise<void> {
  console.log(`\nbusy hour (support/busy-hour.ts: ${BUSY_HOUR_SESSIONS} role sessions, 3 console sign-ins without MFA, 1 root action), cap 20:`);
  console.log(
    '| alert window | invocations | log events | SNS messages/hour | repeats of an alerted pair | (rule, principal) pairs | pairs never alerted | state calls/invocation |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [label, seconds] of [
    ['off (ALERT_WINDOW_SECONDS=0)', 0],
    ['default (3600 s)', 3600],
  ] as const) {
    const f = await busyHourFigures(seconds);
    console.log(
      `| ${label} | ${f.invocations} | ${f.logEvents.toLocaleString('en')} | ${f.messages.toLocaleString('en')} | ${f.repeats.toLocaleString('en')} | ${f.pairs} | ${f.lostPairs} | ${(f.stateCalls / f.invocations).toFixed(2)} |`,
    );
  }
}

void main();
