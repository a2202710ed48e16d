import { DEFAULT_REPLAY_BATCH_SIZE, Replay, type ReplayResult } from '../lib/replay';
import { readFileRecords } from '../lib/sources/files';
import { type InputFile, localInputs, openInOrder, parseS3Url, s3Inputs } from './inputs';
import { type Output, Progress } from './output';
import { type RuleOptions, setup } from './setup';

export interface ReplayCommandOptions extends RuleOptions {
  readonly since?: string;
  readonly until?: string;
  readonly json?: boolean;
  readonly jsonl?: boolean;
  readonly keepGoing?: boolean;
  readonly concurrency: string;
  readonly batchSize?: string;
  readonly profile?: string;
}

/** Exit codes: 0 all read, 1 something was skipped (unless --keep-going), 2 the command could not run. */
export const ReplayExit = { Ok: 0, Skipped: 1, Error: 2 } as const;

/** Parses `--since`/`--until`: an ISO date or time (`2026-03-01`, `2026-03-01T09:00Z`). */
export function parseTime(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected an ISO date or time such as 2026-03-01 or 2026-03-01T09:00Z`);
  return time;
}

/** A mistake in the command line: printed without a stack, exit code 2. */
export class UsageError extends Error {
  static {
    Object.defineProperty(UsageError, 'name', { value: 'UsageError' });
  }
  override readonly name = 'UsageError';
}

/** `trailwatch replay`: the function's pipeline over exported CloudTrail. */
export async function replayCommand(sources: readonly string[], options: ReplayCommandOptions, out: Output): Promise<number> {
  const since = parseTime(options.since, '--since');
  const until = parseTime(options.until, '--until');
  const concurrency = positiveInteger(options.concurrency, '--concurrency');
  const batchSize = options.batchSize === undefined ? DEFAULT_REPLAY_BATCH_SIZE : positiveInteger(options.batchSize, '--batch-size');
  const { config, rules, suppressions } = setup(options);
  const skippedPaths: string[] = [];
  const onSkip = (path: string) => skippedPaths.push(path);
  const files: InputFile[] = [];
  for (const source of sources) {
    const s3 = parseS3Url(source);
    if (s3) {
      const { S3Client } = await import('@aws-sdk/client-s3');
      const client = new S3Client({ ...(options.region ? { region: options.region } : {}), ...(options.profile ? { profile: options.profile } : {}) });
      files.push(...(await s3Inputs(client, s3.bucket, s3.prefix, onSkip)));
    } else files.push(...(await localInputs([source], onSkip)));
  }
  const replay = new Replay({
    rules,
    config,
    suppressions,
    batchSize,
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(options.jsonl ? { onMatch: (match) => out.stdout(`${JSON.stringify(match)}\n`) } : {}),
  });
  const progress = new Progress(
    out,
    files.reduce((sum, f) => sum + f.size, 0),
    files.length,
  );
  let filesDone = 0;
  for await (const { file, bytes } of openInOrder(files, concurrency)) {
    try {
      const counted = countBytes(await bytes, (n) => progress.bytes(n));
      for await (const records of readFileRecords(file.path, counted, (problem) => replay.problem(problem))) {
        replay.add(file.path, records);
        progress.records(replay.seen);
      }
    } catch (error) {
      replay.problem({ path: file.path, reason: error instanceof Error ? error.message : String(error) });
    }
    progress.file(++filesDone);
  }
  const result = replay.finish();
  progress.stop();
  if (options.json) out.stdout(`${JSON.stringify({ files: files.length, skippedFiles: skippedPaths, ...result }, null, 2)}\n`);
  else if (!options.jsonl) out.stdout(formatText(result, files.length, skippedPaths));
  for (const problem of result.problems)
    out.stderr(`trailwatch: skipped ${problem.path}${problem.position ? ` ${problem.position}` : ''}: ${problem.reason}\n`);
  return result.problems.length > 0 && !options.keepGoing ? ReplayExit.Skipped : ReplayExit.Ok;
}

function positiveInteger(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected a whole number of at least 1`);
  return n;
}

async function* countBytes(source: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/** The human-readable report: counts, per-minute metric values, alerts. */
export function formatText(result: ReplayResult, files: number, skippedFiles: readonly string[]): string {
  const lines: string[] = [];
  const range = result.from ? ` from ${result.from} to ${result.to}` : '';
  lines.push(`Replayed ${result.records.toLocaleString('en')} log events from ${files} file(s)${range}.`);
  if (result.outsideTimeRange > 0) lines.push(`${result.outsideTimeRange.toLocaleString('en')} log events were outside --since/--until.`);
  if (skippedFiles.length > 0) lines.push(`${skippedFiles.length} digest or Insights file(s) skipped.`);
  lines.push('', 'Matched (as the metric filters would count):');
  const width = Math.max(...Object.keys(result.matched).map((id) => id.length), 4);
  for (const [id, n] of Object.entries(result.matched)) {
    const extra = [result.deduplicated[id] ? `${result.deduplicated[id]} deduplicated` : '', result.suppressed[id] ? `${result.suppressed[id]} suppressed` : '']
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${id.padEnd(width)}  ${String(n).padStart(8)}${extra ? `  (${extra})` : ''}`);
  }
  lines.push('', `Metric values per minute (${result.metrics.length} minute(s) with data):`);
  for (const m of result.metrics) lines.push(`  ${m.minute}  ${m.namespace}/${m.metricName}  ${m.value}`);
  lines.push('', `Alerts the function would have sent: ${result.alerts.length}`);
  for (const alert of result.alerts) {
    lines.push('', `  ${alert.subject}`);
    for (const line of alert.message.split('\n')) lines.push(`    ${line}`);
  }
  return `${lines.join('\n')}\n`;
}
