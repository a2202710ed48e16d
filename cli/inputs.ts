import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { skipReason } from '../lib/sources/files';

/** One file to replay: where it is, how big (compressed), and how to read its bytes. */
export interface InputFile {
  readonly path: string;
  readonly size: number;
  open(): Promise<AsyncIterable<Buffer>>;
}

/** Objects up to this size are fetched whole ahead of time (bounded by the concurrency); larger ones stream. */
export const PREFETCH_MAX_BYTES = 32 * 1024 * 1024;
/** At most this many bytes of objects are downloaded ahead of the one being read, whatever the concurrency. */
export const PREFETCH_BUDGET_BYTES = 64 * 1024 * 1024;

/** `s3://bucket/prefix` → its parts, or undefined for a local path. */
export function parseS3Url(text: string): { bucket: string; prefix: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(text);
  return match ? { bucket: match[1] as string, prefix: match[2] as string } : undefined;
}

/**
 * The files under local paths (directories recursively), sorted by path: CloudTrail's key
 * layout and file names sort in time order within an account and Region. Skipped paths
 * (digests, Insights) are reported through `onSkip`.
 */
export async function localInputs(paths: readonly string[], onSkip: (path: string, reason: string) => void): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const visit = async (path: string): Promise<void> => {
    const info = await stat(path);
    if (info.isDirectory()) {
      for (const entry of (await readdir(path)).sort()) await visit(join(path, entry));
      return;
    }
    const reason = skipReason(path);
    if (reason) return onSkip(path, reason);
    files.push({ path, size: info.size, open: async () => createReadStream(path, { highWaterMark: 256 * 1024 }) });
  };
  for (const path of paths) await visit(path);
  return files;
}

/** The objects under an S3 prefix (ListObjectsV2, every page), sorted by key, digests and Insights skipped. */
export async function s3Inputs(
  client: S3Client,
  bucket: string,
  prefix: string,
  onSkip: (path: string, reason: string) => void,
  pageSize?: number,
): Promise<InputFile[]> {
  const { paginateListObjectsV2, GetObjectCommand } = await import('@aws-sdk/client-s3');
  const files: InputFile[] = [];
  for await (const page of paginateListObjectsV2({ client, ...(pageSize ? { pageSize } : {}) }, { Bucket: bucket, Prefix: prefix })) {
    for (const object of page.Contents ?? []) {
      const key = object.Key as string;
      const path = `s3://${bucket}/${key}`;
      const reason = skipReason(key);
      if (reason) {
        onSkip(path, reason);
        continue;
      }
      if (key.endsWith('/')) continue;
      const size = object.Size ?? 0;
      files.push({
        path,
        size,
        open: async () => {
          const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          const body = response.Body as (AsyncIterable<Uint8Array> & { transformToByteArray(): Promise<Uint8Array> }) | undefined;
          if (!body) return (async function* () {})();
          if (size <= PREFETCH_MAX_BYTES) {
            const bytes = Buffer.from(await body.transformToByteArray());
            return (async function* () {
              yield bytes;
            })();
          }
          return (async function* () {
            for await (const chunk of body) yield Buffer.from(chunk);
          })();
        },
      });
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Opens the files in order with up to `concurrency` opens in flight ahead of the one being
 * read (an S3 object's download overlaps the reading of the ones before it), and at most
 * `budget` bytes of them, so memory stays bounded whatever the objects' sizes.
 */
export async function* openInOrder(
  files: readonly InputFile[],
  concurrency: number,
  budget = PREFETCH_BUDGET_BYTES,
): AsyncGenerator<{ file: InputFile; bytes: Promise<AsyncIterable<Buffer>> }> {
  const inFlight: { file: InputFile; bytes: Promise<AsyncIterable<Buffer>> }[] = [];
  const held = (f: InputFile): number => Math.min(f.size, PREFETCH_MAX_BYTES);
  /** The file being read counts too: its bytes are in memory until the next one is asked for. */
  let reading = 0;
  let next = 0;
  const fill = (): void => {
    const ahead = () => reading + inFlight.reduce((sum, f) => sum + held(f.file), 0);
    while (inFlight.length < concurrency && next < files.length) {
      const candidate = files[next] as InputFile;
      if ((inFlight.length > 0 || reading > 0) && ahead() + held(candidate) > budget) break;
      const file = files[next++] as InputFile;
      const bytes = file.open();
      bytes.catch(() => {}); // reported when the file's turn comes
      inFlight.push({ file, bytes });
    }
  };
  while (next < files.length || inFlight.length > 0) {
    // Asked for the next file: the one before it has been read.
    reading = 0;
    fill();
    const head = inFlight.shift() as { file: InputFile; bytes: Promise<AsyncIterable<Buffer>> };
    reading = held(head.file);
    fill();
    yield head;
  }
}
