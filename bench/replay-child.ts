// One side of the replay row, in a fresh process: `floor DIR` (gunzip + JSON.parse of each
// file, the work no reader can avoid) or `replay DIR` (the trailwatch CLI's replay).
// Prints {ms, rssKB, records} as JSON.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { run } from '../cli/main';

function peakRssKB(): number {
  const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  return hwm ? Number(hwm[1]) : process.resourceUsage().maxRSS;
}

async function main(): Promise<void> {
  const [mode, dir] = process.argv.slice(2) as [string, string];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json.gz'))
    .sort()
    .map((f) => join(dir, f));
  const start = process.hrtime.bigint();
  let records = 0;
  if (mode === 'floor') {
    for (const file of files) records += (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: unknown[] }).Records.length;
  } else {
    let json = '';
    const out = {
      stdout: (t: string) => {
        json += t;
      },
      stderr: () => {},
      interactive: false,
    };
    const code = await run(['replay', dir, '--json'], out);
    if (code !== 0) throw new Error(`replay exited ${code}`);
    records = (JSON.parse(json) as { records: number }).records;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rssKB: peakRssKB(), records }));
}

main();
