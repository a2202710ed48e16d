import { isJsonObject } from '../json';

type Json = Readonly<Record<string, unknown>>;

const obj = (value: unknown): Json | undefined => (isJsonObject(value) ? value : undefined);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Who acted, as far as the record says. Every field is raw (unsanitised) record data. */
export interface Identity {
  readonly type: string | undefined;
  readonly arn: string | undefined;
  readonly principalId: string | undefined;
  readonly accountId: string | undefined;
  readonly userName: string | undefined;
  /** For assumed roles: the session name, the part of the ARN after the role name. */
  readonly roleSessionName: string | undefined;
  readonly sessionIssuerArn: string | undefined;
  readonly sessionIssuerType: string | undefined;
  readonly sessionIssuerUserName: string | undefined;
  readonly invokedBy: string | undefined;
  readonly accessKeyId: string | undefined;
  /** A stable key for grouping one principal's events. */
  readonly key: string;
  /** A short human label: "root", "user/alice", "DeployRole/ci-1234". */
  readonly label: string;
}

/**
 * The grouping key of a record's principal, without building the whole {@link Identity}.
 * An assumed role's sessions group under the role that issued them (the session issuer's
 * ARN): one alert per role, not one per session. Otherwise the ARN, else the principal ID,
 * else type and account. Runs once per match.
 */
export function identityKey(record: Json): string {
  const ui = obj(record.userIdentity) ?? {};
  if (ui.type === 'AssumedRole') {
    const issuer = str(obj(obj(ui.sessionContext)?.sessionIssuer)?.arn);
    if (issuer !== undefined) return issuer;
  }
  return str(ui.arn) ?? str(ui.principalId) ?? `${str(ui.type) ?? 'unknown'}@${str(ui.accountId) ?? str(record.recipientAccountId) ?? 'unknown'}`;
}

/** An assumed role's session name: the part of its ARN after the role name. */
export function sessionName(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const marker = arn.indexOf(':assumed-role/');
  if (marker < 0) return undefined;
  // arn:aws:sts::123:assumed-role/RoleName/session: everything after the second '/'.
  const roleEnd = arn.indexOf('/', marker + ':assumed-role/'.length);
  return roleEnd < 0 || roleEnd === arn.length - 1 ? undefined : arn.slice(roleEnd + 1);
}

/** The ARN of a record's principal (`userIdentity.arn`), if it is a non-empty string. */
export function principalArn(record: Json): string | undefined {
  return str(obj(record.userIdentity)?.arn);
}

/** Reads `userIdentity` defensively: any field may be missing or of the wrong type. */
export function extractIdentity(record: Json): Identity {
  const ui = obj(record.userIdentity) ?? {};
  const issuer = obj(obj(ui.sessionContext)?.sessionIssuer) ?? {};
  const type = str(ui.type);
  const arn = str(ui.arn);
  const principalId = str(ui.principalId);
  const accountId = str(ui.accountId) ?? str(record.recipientAccountId);
  const userName = str(ui.userName) ?? str(issuer.userName);
  const roleSessionName = sessionName(arn);
  const key = identityKey(record);
  return {
    type,
    arn,
    principalId,
    accountId,
    userName: str(ui.userName),
    roleSessionName,
    sessionIssuerArn: str(issuer.arn),
    sessionIssuerType: str(issuer.type),
    sessionIssuerUserName: str(issuer.userName),
    invokedBy: str(ui.invokedBy),
    accessKeyId: str(ui.accessKeyId),
    key,
    label: label(type, arn, userName, roleSessionName, key),
  };
}

function label(type: string | undefined, arn: string | undefined, userName: string | undefined, session: string | undefined, key: string): string {
  if (type === 'Root') return 'root';
  if (session !== undefined && arn !== undefined) return arn.split('/').slice(1).join('/');
  if (arn !== undefined) return arn.split(':').slice(5).join(':') || arn;
  return userName ?? key;
}
