/**
 * Offline demo: runs the real handler in dry-run mode over every sample event in events/
 * (or over the files given: `npm run demo -- FILE|FOLDER…`) and prints what it would
 * publish. Needs no AWS account, credentials or network.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { type Summary, summaryMessages } from '../lib/pipeline';
import { isKinesisEvent } from '../lib/sources';
import { awslogsEvent } from '../support/awslogs';
import { buildEvents } from './build-events';
import { dryRunHandler, dryRunSourceHandlers } from './dry-run-handler';

const env: Record<string, string> = process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {};
const cloudwatch = dryRunHandler(env);
const sources = dryRunSourceHandlers(env);

/** Runs an event through the handler of its source, and names the source in the label. */
async function handle(label: string, event: unknown): Promise<{ label: string; summary: Summary }> {
  if (isKinesisEvent(event)) {
    const { summary, response } = await sources.kinesis(event);
    return { label: `${label} (source=kinesis: ${summary.records} records, ${response.batchItemFailures.length} failed)`, summary };
  }
  if (event !== null && typeof event === 'object' && 'detail-type' in event)
    return { label: `${label} (source=eventbridge)`, summary: await sources.eventbridge(event) };
  return { label, summary: await cloudwatch(event as CloudWatchLogsEvent) };
}

/**
 * The events in one file: a subscription event (`{ "awslogs": … }`) as it is, or plain
 * CloudTrail records (`{ "Records": [...] }`, a JSON array, one JSON record, or one record per line),
 * wrapped into one subscription event and stamped with the current time.
 */
export function eventsInFile(path: string, now: number): unknown[] {
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    return [awslogsEvent(lines.map((message, i) => ({ message, timestamp: now + i })))];
  }
  if (parsed !== null && typeof parsed === 'object' && ('awslogs' in parsed || 'detail-type' in parsed || isKinesisEvent(parsed))) return [parsed];
  const records = Array.isArray(parsed)
    ? (parsed as Record<string, unknown>[])
    : parsed !== null && typeof parsed === 'object' && Array.isArray((parsed as { Records?: unknown }).Records)
      ? (parsed as { Records: Record<string, unknown>[] }).Records
      : [parsed as Record<string, unknown>];
  return [awslogsEvent(records.map((message, i) => ({ message, timestamp: now + i })))];
}

/** Every .json/.jsonl file given, folders expanded (sorted), in the order given. */
function filesOf(paths: readonly string[]): string[] {
  return paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => /\.jsonl?$/.test(f))
          .sort()
          .map((f) => join(path, f))
      : [path],
  );
}

function report(label: string, summary: Summary): string | undefined {
  const matched = Object.entries(summary.matched).filter(([, n]) => n > 0);
  const metrics = new Map<string, number>();
  for (const input of summary.metrics) {
    for (const d of input.MetricData ?? []) metrics.set(d.MetricName ?? '?', (metrics.get(d.MetricName ?? '?') ?? 0) + (d.Counts?.[0] ?? 1));
  }
  const alerts = summaryMessages(summary).map((m) => ({ subject: m.Subject ?? '', message: m.Message ?? '' }));
  console.log(`\n== ${label}: ${summary.logEvents} log events, ${summary.rejected} rejected, ${summary.duplicates} duplicates`);
  console.log(`   rules matched:  ${matched.map(([id, n]) => `${id} x${n}`).join(', ') || 'none'}`);
  console.log(
    `   metrics:        ${[...metrics].map(([name, n]) => `${name} = ${n}`).join(', ') || 'none'}` +
      (summary.metrics.length ? `  (${summary.metrics.length} PutMetricData call)` : ''),
  );
  console.log(`   notifications:  ${summary.notifications}${summary.messages.length ? ` in ${summary.messages.length} SNS call(s)` : ''}`);
  for (const { subject } of alerts) console.log(`     - ${subject}`);
  // The alert policy's state lives in memory for the whole demo, as in one warm Lambda.
  const counted = (counts: Readonly<Record<string, number>>) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([id, n]) => `${id} x${n}`)
      .join(', ');
  if (counted(summary.deduplicated)) console.log(`   deduplicated:   ${counted(summary.deduplicated)} (counted; alerted at most once per window)`);
  if (counted(summary.suppressed)) console.log(`   suppressed:     ${counted(summary.suppressedBy)} (counted; never alerted)`);
  if (summary.replayed) console.log('   replayed:       this batch was delivered before; nothing sent again');
  return alerts[0]?.message;
}

async function main(): Promise<void> {
  const given = process.argv.slice(2);
  let example: string | undefined;
  if (given.length > 0) {
    console.log(`trailwatch demo: the handler in DRY_RUN mode over ${given.join(', ')}`);
    for (const path of filesOf(given)) {
      for (const event of eventsInFile(path, Date.now())) {
        const handled = await handle(path, event);
        const first = report(handled.label, handled.summary);
        example ??= first;
      }
    }
  } else {
    // The files in events/ carry fixed 2026-03-02 timestamps; PutMetricData only takes datapoints
    // up to two weeks old, so the demo re-stamps the same records to now (npm run events -- --now).
    const dir = mkdtempSync(join(tmpdir(), 'trailwatch-demo-'));
    console.log('trailwatch demo: the handler in DRY_RUN mode over the sample events (re-stamped to the current time)');
    for (const path of buildEvents(dir, Date.now()).sort()) {
      const handled = await handle(`events/${basename(path)}`, JSON.parse(readFileSync(path, 'utf8')));
      const first = report(handled.label, handled.summary);
      example ??= first;
    }
    rmSync(dir, { recursive: true, force: true });
  }
  if (example) {
    console.log('\n== One full notification message:\n');
    console.log(example.replace(/^/gm, '   '));
  }
  console.log('\nDry run: nothing was sent. See README "Deploy" to run it for real.');
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
