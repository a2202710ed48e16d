// One handler configuration's rows of `npm run bench`, in a fresh process:
// `rows-child.ts ENTRY cloudwatch|cis|kinesis`. Prints the markdown rows.
import { kinesisRow, shippedHandler, timeRows } from './rows';

async function main(): Promise<void> {
  const [entry, which] = process.argv.slice(2) as [string, string];
  const rows =
    which === 'kinesis'
      ? [await kinesisRow(await shippedHandler(entry))]
      : which === 'cis'
        ? await timeRows(await shippedHandler(entry, 'seed,cis'), [[10_000, 41, 1]], ', packs seed,cis')
        : await timeRows(await shippedHandler(entry));
  process.stdout.write(`${rows.join('\n')}\n`);
}

void main();
