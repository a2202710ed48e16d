import { aggregateMatches, extractIdentity, sanitizeField } from '../../lib/alerts';
import { RULES } from '../../lib/rules';
import {
  buildNotifications,
  consoleLink,
  formatAlert,
  MAX_BATCH_BYTES,
  MAX_BATCH_ENTRIES,
  MAX_SNS_MESSAGE_BYTES,
  notificationBytes,
  packNotifications,
} from '../../lib/sinks/sns';
import { fixture } from '../fixtures/records';
import { match } from '../helpers/matches';

const T0 = Date.UTC(2026, 2, 2, 9, 15, 0);
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:alerts';

describe('extractIdentity', () => {
  it.each([
    ['root-console-no-mfa', { type: 'Root', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333', label: 'root' }],
    ['iam-user-console-no-mfa', { type: 'IAMUser', userName: 'alice', label: 'user/alice' }],
    [
      'assumed-role-api-no-mfa',
      {
        type: 'AssumedRole',
        roleSessionName: 'ci-pipeline-1234',
        sessionIssuerArn: 'arn:aws:iam::111122223333:role/DeployRole',
        sessionIssuerType: 'Role',
        sessionIssuerUserName: 'DeployRole',
        label: 'DeployRole/ci-pipeline-1234',
      },
    ],
    ['sso-role-api-no-mfa', { roleSessionName: 'maria@example.com', sessionIssuerUserName: 'AWSReservedSSO_AdministratorAccess_0123456789abcdef' }],
    ['kms-service-event', { type: undefined, accountId: '111122223333', invokedBy: 'AWS Internal', key: 'unknown@111122223333' }],
  ])('%s', (name, expected) => {
    expect(extractIdentity(fixture(name).record)).toMatchObject(expected);
  });

  it.each([[{}], [{ userIdentity: null }], [{ userIdentity: ['x'] }], [{ userIdentity: { type: 7, arn: ['a'], sessionContext: 'x' } }]])(
    'never throws on a malformed userIdentity: %j',
    (record) => {
      expect(extractIdentity(record).key).toBe('unknown@unknown');
    },
  );
});

describe('sanitizeField', () => {
  it.each([
    ['plain', 'plain'],
    ['line\nSource IP: 1.2.3.4', 'line\\nSource IP: 1.2.3.4'],
    ['carriage\rreturn', 'carriage\\rreturn'],
    ['\u001b[31mred\u001b[0m', 'red'],
    ['bidi \u202eevil\u202c', 'bidi \\u202eevil\\u202c'],
    ['zero\u200bwidth', 'zero\\u200bwidth'],
    ['nul\u0000byte', 'nul\\u0000byte'],
    ['sep\u2028line', 'sep\\u2028line'],
    ['lone \ud800 surrogate', 'lone \ufffd surrogate'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeField(input)).toBe(expected);
  });

  it('truncates long values with a visible marker, within the limit', () => {
    const out = sanitizeField('x'.repeat(10_000), 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).toContain('…[truncated, 10000 chars]');
  });
});

describe('formatAlert', () => {
  const group = (name: string, ruleId: Parameters<typeof match>[0] = 'RootAccountUsage') =>
    aggregateMatches([match(ruleId, fixture(name).record, T0)], RULES)[0]!;

  it('names everything a responder needs', () => {
    const { subject, message, attributes } = formatAlert(group('assumed-role-console-federated', 'ConsoleSignInWithoutMfa'));
    expect(subject).toBe('trailwatch: Console sign-in without MFA: Admin/jane.doe@example.com');
    for (const expected of [
      'ConsoleSignInWithoutMfa',
      'AssumedRole',
      'arn:aws:sts::111122223333:assumed-role/Admin/jane.doe@example.com',
      'Role session:     jane.doe@example.com',
      'Session issuer:   arn:aws:iam::111122223333:role/Admin (Role Admin)',
      'Account:          111122223333',
      'Source IP:        203.0.113.10',
      'User agent:       Mozilla/5.0',
      'Region:           us-east-1',
      'Event:            signin.amazonaws.com ConsoleLogin (AwsConsoleSignIn)',
      'Event time:       2026-03-02T09:15:00Z',
      `Event ID:         ${fixture('assumed-role-console-federated').record.eventID as string}`,
      'MFA:              mfaAuthenticated=false, MFAUsed=No',
      'https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/',
      'Result:           Success',
    ]) {
      expect(message).toContain(expected);
    }
    expect(attributes).toEqual({
      rule: { DataType: 'String', StringValue: 'ConsoleSignInWithoutMfa' },
      account: { DataType: 'String', StringValue: '111122223333' },
      identityType: { DataType: 'String', StringValue: 'AssumedRole' },
      principal: { DataType: 'String', StringValue: 'arn:aws:iam::111122223333:role/Admin' },
      severity: { DataType: 'String', StringValue: 'high' },
    });
  });

  it('says root and the account in the subject', () => {
    expect(formatAlert(group('root-console-no-mfa')).subject).toBe('trailwatch: Root account used: root in 111122223333');
  });

  it('shows an error result', () => {
    expect(formatAlert(group('iam-user-api-error', 'ApiActivityWithoutMFA')).message).toContain('Result:           TrailNotFoundException: Unknown trail');
  });

  it('cannot be shaped by hostile field values', () => {
    const record = structuredClone(fixture('assumed-role-api-no-mfa').record) as Record<string, any>;
    record.userAgent = `curl\nSource IP:        10.0.0.1\u001b[2J\u202e${'A'.repeat(300_000)}`;
    record.userIdentity.arn = `arn:aws:sts::111122223333:assumed-role/R/\r\nSubject: fake ${'é'.repeat(200)}`;
    record.eventID = '../../evil"><script>';
    record.awsRegion = 'evil.example.com/';
    const { subject, message, attributes } = formatAlert(aggregateMatches([match('ApiActivityWithoutMFA', record, T0)], RULES)[0]!);
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    const lines = message.split('\n');
    expect(lines.filter((l) => l.trimStart().startsWith('Source IP:'))).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('Subject:'))).toBe(false);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserts that no control character got through
    expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(message).toContain('…[truncated');
    expect(message).toContain('Console link:     -');
    expect(notificationBytes({ subject, message, attributes })).toBeLessThanOrEqual(MAX_SNS_MESSAGE_BYTES);
  });

  it.each([
    ['a user name and type, no ARN', { type: 'Role', userName: 'DeployRole' }, 'Session issuer:   Role DeployRole'],
    ['only a user name', { userName: 'DeployRole' }, 'Session issuer:   DeployRole'],
    ['nothing', {}, 'Session issuer:   -'],
  ])('shows whatever the session issuer has: %s', (_name, issuer, line) => {
    const record = structuredClone(fixture('assumed-role-api-no-mfa').record) as Record<string, any>;
    record.userIdentity.sessionContext.sessionIssuer = issuer;
    const { message } = formatAlert(aggregateMatches([match('ApiActivityWithoutMFA', record, T0)], RULES)[0]!);
    expect(message).toContain(`${line}\n`);
  });

  it('builds a safe console link', () => {
    expect(consoleLink('eu-west-1', 'a b/c')).toBe('https://eu-west-1.console.aws.amazon.com/cloudtrailv2/home?region=eu-west-1#/events/a%20b%2Fc');
    expect(consoleLink('evil.com/x', 'id')).toBe('-');
    expect(consoleLink(undefined, 'id')).toBe('-');
  });
});

describe('aggregation and the cap', () => {
  const rootMatch = (i: number) => {
    const record = { ...fixture('root-console-no-mfa').record, eventID: `evt-${i}`, eventTime: new Date(T0 + i * 60_000).toISOString() };
    return match('RootAccountUsage', record, T0 + i * 60_000, `log-${i}`);
  };
  const roleMatch = (session: string, role = 'DeployRole', time = T0) => {
    const record = structuredClone(fixture('assumed-role-api-no-mfa').record) as Record<string, any>;
    record.userIdentity.arn = `arn:aws:sts::111122223333:assumed-role/${role}/${session}`;
    record.userIdentity.sessionContext.sessionIssuer.arn = `arn:aws:iam::111122223333:role/${role}`;
    record.eventTime = new Date(time).toISOString();
    return match('ApiActivityWithoutMFA', record, time);
  };

  it.each([
    [1, 'trailwatch: API activity without MFA: DeployRole/s0', undefined],
    [5, 'trailwatch: API activity without MFA: DeployRole (5 sessions) (5 events)', 'Sessions (5):     s0, s1, s2, s3, s4\n'],
    [12, 'trailwatch: API activity without MFA: DeployRole (12 sessions) (12 events)', 'Sessions (12):    s0, s1, s2, s3, s4 and 7 more\n'],
  ])('groups %i sessions of one role into one alert that names the first five', (sessions, subject, line) => {
    const matches = Array.from({ length: sessions }, (_, i) => roleMatch(`s${i}`, 'DeployRole', T0 + i * 1000)).reverse();
    const notifications = buildNotifications(aggregateMatches(matches, RULES), 20);
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.subject).toBe(subject);
    if (line) expect(notifications[0]?.message).toContain(line);
    else expect(notifications[0]?.message).not.toContain('Sessions (');
  });

  it('sends one message per rule and principal with the count, first/last time and a few event IDs', () => {
    const notifications = buildNotifications(aggregateMatches([...Array.from({ length: 8 }, (_, i) => rootMatch(7 - i))], RULES), 20);
    expect(notifications).toHaveLength(1);
    const [n] = notifications;
    expect(n?.subject).toBe('trailwatch: Root account used: root in 111122223333 (8 events)');
    expect(n?.message).toContain('8 matching events from 2026-03-02T09:15:00Z to 2026-03-02T09:22:00Z.');
    expect(n?.message).toContain('Event IDs (first 5 of 8):\n  evt-0\n  evt-1\n  evt-2\n  evt-3\n  evt-4\n');
  });

  it.each([
    [3, 20, 3, false],
    [20, 20, 20, false],
    [21, 20, 21, true],
    [60, 50, 51, true],
    [5, 1, 2, true],
  ])('%i principals with cap %i → %i messages (overflow %s)', (principals, cap, expected, overflow) => {
    const notifications = buildNotifications(
      aggregateMatches(
        Array.from({ length: principals }, (_, i) => roleMatch(`s${i}`, `Role${i}`)),
        RULES,
      ),
      cap,
    );
    expect(notifications).toHaveLength(expected);
    const last = notifications[notifications.length - 1];
    expect(last?.subject.includes('over the cap')).toBe(overflow);
    if (overflow) {
      const listed = principals - cap;
      expect(last?.subject).toBe(`trailwatch: ${listed} more alerts (${listed} events) over the cap`);
      expect(last?.message).toContain(`role/Role${principals - 1}`);
    }
  });
});

describe('packNotifications', () => {
  const n = (i: number, size = 10) => ({ subject: `s${i}`, message: 'm'.repeat(size), attributes: {} });

  it('uses no call for nothing and one Publish for one message', () => {
    expect(packNotifications([], TOPIC)).toEqual([]);
    expect(packNotifications([n(0)], TOPIC)).toEqual([
      { action: 'Publish', input: { TopicArn: TOPIC, Subject: 's0', Message: 'mmmmmmmmmm', MessageAttributes: {} } },
    ]);
  });

  it('uses PublishBatch of at most 10 entries with unique ids', () => {
    const requests = packNotifications(
      Array.from({ length: 23 }, (_, i) => n(i)),
      TOPIC,
    );
    expect(requests.map((r) => r.action)).toEqual(['PublishBatch', 'PublishBatch', 'PublishBatch']);
    const sizes = requests.map((r) => (r.action === 'PublishBatch' ? r.input.PublishBatchRequestEntries?.length : 0));
    expect(sizes).toEqual([MAX_BATCH_ENTRIES, MAX_BATCH_ENTRIES, 3]);
    const ids = requests.flatMap((r) => (r.action === 'PublishBatch' ? r.input.PublishBatchRequestEntries?.map((e) => e.Id) : []));
    expect(new Set(ids).size).toBe(23);
  });

  it('keeps each batch within 256 KB in total', () => {
    const requests = packNotifications(
      Array.from({ length: 6 }, (_, i) => n(i, 100_000)),
      TOPIC,
    );
    for (const request of requests) {
      if (request.action !== 'PublishBatch') continue;
      const total = request.input.PublishBatchRequestEntries?.reduce((sum, e) => sum + Buffer.byteLength(e.Message!), 0);
      expect(total).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
    expect(requests).toHaveLength(3);
  });
});
