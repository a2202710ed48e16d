import { gzipSync } from 'node:zlib';

/** The account, Region and date a CloudTrail S3 key is built for. */
export interface TrailKey {
  readonly account?: string;
  readonly region?: string;
  /** The delivery time; the key's date folders and file name come from it. */
  readonly time: Date;
  /** An organization trail's id, which CloudTrail puts before the account. */
  readonly orgId?: string;
  readonly prefix?: string;
  /** The 16-character string CloudTrail adds so that names never collide. */
  readonly unique?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function folder(key: TrailKey, kind: 'CloudTrail' | 'CloudTrail-Digest'): string {
  const account = key.account ?? '111122223333';
  const region = key.region ?? 'us-east-1';
  const t = key.time;
  const org = key.orgId ? `${key.orgId}/` : '';
  const prefix = key.prefix ? `${key.prefix.replace(/\/$/, '')}/` : '';
  return `${prefix}AWSLogs/${org}${account}/${kind}/${region}/${t.getUTCFullYear()}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())}`;
}

/**
 * A CloudTrail log file's S3 key, in the documented layout:
 * `[prefix/]AWSLogs/[o-id/]<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<unique>.json.gz`.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-find-log-files.html
 */
export function cloudTrailKey(key: TrailKey): string {
  const account = key.account ?? '111122223333';
  const region = key.region ?? 'us-east-1';
  const t = key.time;
  const stamp = `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}Z`;
  return `${folder(key, 'CloudTrail')}/${account}_CloudTrail_${region}_${stamp}_${key.unique ?? 'a1B2c3D4e5F6g7H8'}.json.gz`;
}

/** The digest file CloudTrail writes beside the logs (hourly), which replay must skip. */
export function digestKey(key: TrailKey): string {
  const account = key.account ?? '111122223333';
  const region = key.region ?? 'us-east-1';
  const t = key.time;
  const stamp = `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}Z`;
  return `${folder(key, 'CloudTrail-Digest')}/${account}_CloudTrail-Digest_${region}_trail_${region}_${stamp}.json.gz`;
}

/** A CloudTrail log file's body, gzip'd: `{"Records":[…]}` as CloudTrail writes it. */
export function cloudTrailObject(records: readonly (Record<string, unknown> | string)[]): Buffer {
  const body = `{"Records":[${records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join(',')}]}`;
  return gzipSync(Buffer.from(body));
}

/** A digest file's body: what CloudTrail writes hourly, with no `Records`. */
export function digestObject(time: Date): Buffer {
  return gzipSync(
    Buffer.from(
      JSON.stringify({
        awsAccountId: '111122223333',
        digestStartTime: new Date(time.getTime() - 3_600_000).toISOString(),
        digestEndTime: time.toISOString(),
        digestS3Bucket: 'trail-bucket',
        previousDigestS3Object: null,
        logFiles: [],
      }),
    ),
  );
}

/** A CloudWatch Logs export to S3: `<ISO timestamp> <message>` lines, gzip'd. */
export function logsExportObject(events: readonly { readonly timestamp: number; readonly message: string }[]): Buffer {
  return gzipSync(Buffer.from(events.map((e) => `${new Date(e.timestamp).toISOString()} ${e.message}\n`).join('')));
}

/** JSON Lines of records. */
export function jsonLines(records: readonly (Record<string, unknown> | string)[]): string {
  return records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
}
