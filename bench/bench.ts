/**
 * npm run bench: trailwatch's handler against the floor (decode + gunzip + JSON.parse of
 * every message) and a naive hand-written handler, measured side by side in one run.
 * Ratios are what count: absolute times on a shared machine are noise.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { windowKey } from '../lib/alerts';
import type { Clients } from '../lib/aws/clients';
import { loadConfig } from '../lib/config';
import { createHandler } from '../lib/handler';
import { evaluateForAlerts, summaryMessages } from '../lib/pipeline';
import { RULES } from '../lib/rules';
import { cloudWatchLogsSource } from '../lib/sources';
import { MemoryStateStore } from '../lib/state';
import { awslogsEvent } from '../support/awslogs';
import { BUSY_HOUR_SESSIONS, busyHour } from '../support/busy-hour';
import { generateRecords } from '../support/generator';
import { runBenchChild } from './child';
import { replayRow } from './replay';
import { median } from './rows';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
/** An asynchronous invocation carries at most 1 MB: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
const ASYNC_PAYLOAD_BYTES = 1024 * 1024;

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

/**
 * One handler configuration's rows, timed in a fresh process: Lambda runs one handler per
 * process, and a second bundle instance in a warm process measures that process's history
 * (its heap, its JIT) as much as the handler.
 */
function rowsInChild(entry: string, which: 'cloudwatch' | 'cis' | 'kinesis'): string {
  return runBenchChild('rows-child.ts', [entry, which]);
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
  process.stdout.write(rowsInChild(built.entry, 'cloudwatch'));
  process.stdout.write(rowsInChild(built.entry, 'cis'));
  process.stdout.write(rowsInChild((await bundle('kinesis')).entry, 'kinesis'));
  // `npm run bench -- rows`: only the handler/floor rows, for quick comparisons while tuning.
  if (process.argv.includes('rows')) return;
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
