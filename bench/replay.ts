import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudTrailObject } from '../support/exports';
import { generateRecords } from '../support/generator';
import { runBenchChild } from './child';

const RECORDS_PER_FILE = 5_000;

/** CloudTrail log files of generated records (2% candidates), written once and reused. */
function dataset(dir: string, records: number): void {
  const files = Math.ceil(records / RECORDS_PER_FILE);
  if (existsSync(dir) && readdirSync(dir).length === files) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < files; i++) {
    const body = cloudTrailObject(generateRecords(Math.min(RECORDS_PER_FILE, records - i * RECORDS_PER_FILE), { seed: 1000 + i, matchRate: 0.02 }));
    writeFileSync(join(dir, `111122223333_CloudTrail_us-east-1_${String(i).padStart(6, '0')}.json.gz`), body);
  }
}

interface Side {
  readonly ms: number;
  readonly rssKB: number;
  readonly records: number;
}

function side(mode: 'floor' | 'replay', dir: string): Side {
  return JSON.parse(runBenchChild('replay-child.ts', [mode, dir])) as Side;
}

/**
 * The replay row: `trailwatch replay` over CloudTrail log files against the floor (gunzip and
 * JSON.parse of the same files), each in a fresh process, median of `runs`.
 */
export function replayRow(outDir: string, records = 1_000_000, runs = 3): string {
  const dir = join(outDir, `replay-${records}`);
  dataset(dir, records);
  const floors: Side[] = [];
  const replays: Side[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(side('floor', dir));
    replays.push(side('replay', dir));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const ratio = median(replays.map((r, i) => r.ms / (floors[i] as Side).ms));
  const replayMs = median(replays.map((r) => r.ms));
  const floorMs = median(floors.map((r) => r.ms));
  const n = (replays[0] as Side).records;
  const rss = Math.max(...replays.map((r) => r.rssKB)) / 1024;
  const floorRss = Math.max(...floors.map((r) => r.rssKB)) / 1024;
  return [
    `\nreplay (trailwatch replay --json, seed pack, ${n.toLocaleString('en')} generated records in ${Math.ceil(n / RECORDS_PER_FILE)} CloudTrail .json.gz files, fresh processes, median of ${runs}):`,
    '| records | floor ms | replay ms | replay/floor | records/s | peak RSS (replay) | peak RSS (floor) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${n.toLocaleString('en')} | ${floorMs.toFixed(0)} | ${replayMs.toFixed(0)} | **${ratio.toFixed(2)}** | ${Math.round((n / replayMs) * 1000).toLocaleString('en')} | ${rss.toFixed(0)} MB | ${floorRss.toFixed(0)} MB |`,
  ].join('\n');
}
