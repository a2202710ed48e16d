/**
 * A reproducible busy hour, as a new user meets it (no corpus needed): CloudTrail events
 * from 172 role sessions of CI, Lambda, ECS, EC2, service-linked, vendor and SSO roles, none
 * with MFA, plus three console sign-ins without MFA and one root action, delivered by the
 * subscription in about 280 invocations. Feeds `npm run bench` and the alert-policy tests.
 */
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { awslogsEvent } from './awslogs';
import { seededRng } from './generator';

export interface BusyHourOptions {
  readonly seed?: number;
  /** Events the trail writes in the hour; the subscription's pre-filter lets `candidateShare` of them through. */
  readonly events?: number;
  readonly candidateShare?: number;
  readonly invocations?: number;
  /** Start of the hour, epoch milliseconds. */
  readonly start?: number;
}

/** One invocation: its event, when it runs, and how many log events it carries. */
export interface BusyHourBatch {
  readonly event: CloudWatchLogsEvent;
  /** The invocation's clock: a few seconds after its last event. */
  readonly at: number;
  readonly logEvents: number;
}

const ACCOUNT = '111122223333';
/** Role name → number of sessions in the hour: 172 in all. */
const ROLES: readonly (readonly [string, number, string])[] = [
  ['github-actions-deploy', 36, 'ci'],
  ['gitlab-runner', 14, 'ci'],
  ['orders-api-lambda', 12, 'lambda'],
  ['billing-worker-lambda', 10, 'lambda'],
  ['thumbnailer-lambda', 6, 'lambda'],
  ['ecs-task-checkout', 16, 'ecs'],
  ['ecs-task-search', 12, 'ecs'],
  ['ec2-app-instance', 18, 'ec2'],
  ['aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS', 10, 'slr'],
  ['aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling', 8, 'slr'],
  ['DatadogIntegrationRole', 12, 'vendor'],
  ['aws-reserved/sso.amazonaws.com/AWSReservedSSO_Developer_0123456789abcdef', 18, 'sso'],
];
const SESSIONS = ROLES.flatMap(([role, count, kind]) =>
  Array.from({ length: count }, (_, i) => ({ role, kind, session: `${kind}-${role.split('/').pop()}-${i}` })),
);
const CALLS = [
  'DescribeInstances',
  'GetObject',
  'PutObject',
  'Decrypt',
  'GetParameter',
  'PutMetricData',
  'DescribeTasks',
  'ListBuckets',
  'GetSecretValue',
  'UpdateService',
];

/** 172 role sessions, as the bench states. */
export const BUSY_HOUR_SESSIONS = SESSIONS.length;

function roleEvent(s: (typeof SESSIONS)[number], time: number, id: string, call: string): Record<string, unknown> {
  const roleName = s.role.split('/').pop() as string;
  return {
    eventVersion: '1.11',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLE${roleName.length}:${s.session}`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/${s.session}`,
      accountId: ACCOUNT,
      accessKeyId: `ASIAEXAMPLE${id.slice(0, 8).toUpperCase()}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROAEXAMPLE${roleName.length}`,
          arn: `arn:aws:iam::${ACCOUNT}:role/${s.role}`,
          accountId: ACCOUNT,
          userName: roleName,
        },
        attributes: { creationDate: new Date(time - 600_000).toISOString(), mfaAuthenticated: 'false' },
      },
    },
    eventTime: new Date(time).toISOString().replace('.000Z', 'Z'),
    eventSource: 'ec2.amazonaws.com',
    eventName: call,
    awsRegion: 'eu-west-1',
    sourceIPAddress: s.kind === 'ci' ? '203.0.113.20' : '10.0.1.15',
    userAgent: 'aws-sdk-js/3.700.0 ua/2.1 os/linux lang/js md/nodejs#20.18.0',
    requestParameters: { maxResults: 100 },
    responseElements: null,
    requestID: id,
    eventID: id,
    readOnly: call.startsWith('Describe') || call.startsWith('Get') || call.startsWith('List'),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
}

function signIn(user: string, time: number, id: string): Record<string, unknown> {
  return {
    eventVersion: '1.11',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDAEXAMPLE${user.toUpperCase()}`,
      arn: `arn:aws:iam::${ACCOUNT}:user/${user}`,
      accountId: ACCOUNT,
      userName: user,
    },
    eventTime: new Date(time).toISOString().replace('.000Z', 'Z'),
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'No' },
    eventID: id,
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
}

function rootAction(time: number, id: string): Record<string, unknown> {
  return {
    eventVersion: '1.11',
    userIdentity: { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: 'AKIAEXAMPLEROOT' },
    eventTime: new Date(time).toISOString().replace('.000Z', 'Z'),
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.99',
    userAgent: 'aws-cli/2.22.0',
    requestParameters: null,
    responseElements: null,
    eventID: id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
}

/**
 * The hour's invocations, in time order, built lazily (one batch in memory at a time).
 * Every delivered event is a candidate; the rules decide. Same seed, same hour.
 */
export function* busyHour(options: BusyHourOptions = {}): Generator<BusyHourBatch> {
  const rng = seededRng(options.seed ?? 11);
  const start = options.start ?? Date.now() - 3_600_000;
  const delivered = Math.round((options.events ?? 145_000) * (options.candidateShare ?? 0.8));
  const invocations = options.invocations ?? 280;
  // Console sign-ins and the root action at fixed, seeded moments of the hour.
  const specials = new Map<number, (time: number, id: string) => Record<string, unknown>>();
  for (const user of ['maria', 'devon', 'li']) specials.set(Math.floor(rng() * delivered), (t, id) => signIn(user, t, id));
  specials.set(Math.floor(rng() * delivered), rootAction);
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
  let index = 0;
  for (let b = 0; b < invocations; b++) {
    const size = Math.floor(delivered / invocations) + (b < delivered % invocations ? 1 : 0);
    const entries = [];
    for (let i = 0; i < size; i++, index++) {
      const time = start + Math.floor((index / delivered) * 3_600_000);
      const id = `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
      const special = specials.get(index);
      const session = SESSIONS[Math.floor(rng() * SESSIONS.length)] as (typeof SESSIONS)[number];
      const record = special ? special(time, id) : roleEvent(session, time, id, CALLS[Math.floor(rng() * CALLS.length)] as string);
      entries.push({ message: JSON.stringify(record), timestamp: time });
    }
    const last = entries[entries.length - 1]?.timestamp ?? start;
    yield { event: awslogsEvent(entries), at: last + 5_000, logEvents: size };
  }
}
