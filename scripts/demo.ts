/**
 * Offline demo: runs the real handler in dry-run mode over every sample event in events/
 * and prints what it would publish. Needs no AWS account, credentials or network.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { summaryMessages } from '../lib/pipeline';
import { buildEvents } from './build-events';
import { dryRunHandler } from './dry-run-handler';

const handler = dryRunHandler(process.env['LOG_LEVEL'] ? { LOG_LEVEL: process.env['LOG_LEVEL'] } : {});

async function main(): Promise<void> {
  // The files in events/ carry fixed 2026-03-02 timestamps; PutMetricData only takes datapoints
  // up to two weeks old, so the demo re-stamps the same records to now (npm run events -- --now).
  const dir = mkdtempSync(join(tmpdir(), 'trailwatch-demo-'));
  let example: string | undefined;
  console.log('trailwatch demo: the handler in DRY_RUN mode over the sample events (re-stamped to the current time)');
  for (const path of buildEvents(dir, Date.now()).sort()) {
    const file = basename(path);
    const summary = await handler(JSON.parse(readFileSync(path, 'utf8')) as CloudWatchLogsEvent);
    const matched = Object.entries(summary.matched).filter(([, n]) => n > 0);
    const metrics = new Map<string, number>();
    for (const input of summary.metrics) {
      for (const d of input.MetricData ?? []) metrics.set(d.MetricName ?? '?', (metrics.get(d.MetricName ?? '?') ?? 0) + (d.Counts?.[0] ?? 1));
    }
    const alerts = summaryMessages(summary).map((m) => ({ subject: m.Subject ?? '', message: m.Message ?? '' }));
    console.log(`\n== events/${file}: ${summary.logEvents} log events, ${summary.rejected} rejected, ${summary.duplicates} duplicates`);
    console.log(`   rules matched:  ${matched.map(([id, n]) => `${id} x${n}`).join(', ') || 'none'}`);
    console.log(`   metrics:        ${[...metrics].map(([name, n]) => `${name} = ${n}`).join(', ') || 'none'}` +
      (summary.metrics.length ? `  (${summary.metrics.length} PutMetricData call)` : ''));
    console.log(`   notifications:  ${summary.notifications}${summary.messages.length ? ` in ${summary.messages.length} SNS call(s)` : ''}`);
    for (const { subject } of alerts) console.log(`     - ${subject}`);
    example ??= alerts[0]?.message;
  }
  rmSync(dir, { recursive: true, force: true });
  if (example) {
    console.log('\n== One full notification message:\n');
    console.log(example.replace(/^/gm, '   '));
  }
  console.log('\nDry run: nothing was sent. See README "Deploy" to run it for real.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
