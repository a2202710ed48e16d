/**
 * Seeded generator of realistic CloudTrail records: the shapes and sizes of a real trail
 * (service calls, long-term keys, data events, MFA sessions), with a small, chosen share of
 * records that the seed rules match. Feeds the benchmark and the fuzz tests.
 */

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2'];
const AGENTS = [
  'aws-cli/2.22.0 md/awscrt#0.23.4 ua/2.0 os/linux#6.8 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard',
  'aws-sdk-js/3.700.0 ua/2.1 os/linux#5.10.228-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.0 api/s3#3.700.0',
  'Boto3/1.35.60 md/Botocore#1.35.60 ua/2.0 os/linux#5.10 md/arch#aarch64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.60',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.76.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.4',
];
const SERVICES = ['ec2', 's3', 'iam', 'sts', 'kms', 'lambda', 'dynamodb', 'logs', 'cloudformation', 'ssm', 'secretsmanager', 'ecs'];
const VERBS = ['Describe', 'Get', 'List', 'Put', 'Create', 'Update', 'Delete', 'Decrypt', 'AssumeRole', 'Invoke'];
const NOUNS = ['Instances', 'Object', 'Bucket', 'Role', 'Policy', 'Key', 'Function', 'Item', 'Parameter', 'Secret', 'Stack', 'Tags'];

export interface GeneratorOptions {
  readonly seed?: number;
  /** Share of records that some seed rule matches (default 0.02). */
  readonly matchRate?: number;
  /** First eventTime, ms since epoch. */
  readonly start?: number;
}

export interface RecordGenerator {
  next(): Record<string, unknown>;
}

/** A generator of CloudTrail records; the same seed gives the same records. */
export function recordGenerator(options: GeneratorOptions = {}): RecordGenerator {
  const rng = seededRng(options.seed ?? 1);
  const matchRate = options.matchRate ?? 0.02;
  let clock = options.start ?? Date.UTC(2026, 2, 2, 9, 0, 0);
  let serial = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
  const id = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  const ip = (): string => `${pick([198, 203, 192])}.${pick([51, 0])}.${Math.floor(rng() * 255)}.${Math.floor(rng() * 255)}`;

  /** A request payload of realistic, skewed size: mostly small, sometimes several KB. */
  function payload(): Record<string, unknown> | null {
    const roll = rng();
    if (roll < 0.25) return null;
    const size = roll < 0.8 ? Math.floor(rng() * 4) : 4 + Math.floor(rng() * 40);
    const params: Record<string, unknown> = { resourceName: `res-${hex(10)}` };
    if (size > 0) {
      params.tags = Array.from({ length: size }, (_, i) => ({ key: `tag-${i}`, value: `${pick(NOUNS)}-${hex(12)}` }));
    }
    if (rng() < 0.15) {
      // Policy documents arrive as JSON text inside JSON: full of escaped quotes.
      params.policyDocument = JSON.stringify({
        Version: '2012-10-17',
        Statement: Array.from({ length: 1 + Math.floor(rng() * 6) }, () => ({
          Effect: 'Allow',
          Action: `${pick(SERVICES)}:${pick(VERBS)}${pick(NOUNS)}`,
          Resource: `arn:aws:${pick(SERVICES)}:::${hex(16)}/*`,
        })),
      });
    }
    return params;
  }

  function base(userIdentity: Record<string, unknown>, eventSource: string, eventName: string, eventType = 'AwsApiCall'): Record<string, unknown> {
    clock += Math.floor(rng() * 200);
    serial++;
    const account = (userIdentity.accountId as string | undefined) ?? pick(ACCOUNTS);
    // ~1% of user agents carry a control character, which JSON writes as a \u escape.
    const agent = rng() < 0.01 ? `${pick(AGENTS)}\u0001` : pick(AGENTS);
    return {
      eventVersion: '1.11',
      userIdentity,
      // CloudTrail writes eventTime to the second.
      eventTime: `${new Date(clock).toISOString().slice(0, 19)}Z`,
      eventSource: `${eventSource}.amazonaws.com`,
      eventName,
      awsRegion: pick(REGIONS),
      sourceIPAddress: userIdentity.invokedBy ?? ip(),
      userAgent: userIdentity.invokedBy ?? agent,
      requestParameters: payload(),
      responseElements: rng() < 0.5 ? null : { requestId: id() },
      requestID: id(),
      eventID: id(),
      readOnly: eventName.startsWith('Describe') || eventName.startsWith('Get') || eventName.startsWith('List'),
      eventType,
      managementEvent: !eventName.endsWith('Object'),
      recipientAccountId: account,
      eventCategory: eventName.endsWith('Object') ? 'Data' : 'Management',
      ...(serial % 3 === 0
        ? { tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${eventSource}.amazonaws.com` } }
        : {}),
    };
  }

  const account = (): string => pick(ACCOUNTS);
  const session = (mfa: string) => ({
    sessionIssuer: {},
    webIdFederationData: {},
    attributes: { creationDate: '2026-03-02T08:00:00Z', mfaAuthenticated: mfa },
  });
  const role = (mfa: string): Record<string, unknown> => {
    const acct = account();
    const name = pick(['DeployRole', 'AppRole', 'ReadOnly', 'AWSReservedSSO_Admin_0123456789abcdef']);
    const sess = `session-${hex(6)}`;
    return {
      type: 'AssumedRole',
      principalId: `AROA${hex(16).toUpperCase()}:${sess}`,
      arn: `arn:aws:sts::${acct}:assumed-role/${name}/${sess}`,
      accountId: acct,
      accessKeyId: `ASIA${hex(16).toUpperCase()}`,
      sessionContext: {
        ...session(mfa),
        sessionIssuer: { type: 'Role', principalId: `AROA${hex(16).toUpperCase()}`, arn: `arn:aws:iam::${acct}:role/${name}`, accountId: acct, userName: name },
      },
    };
  };
  const user = (withSession: string | undefined): Record<string, unknown> => {
    const acct = account();
    const name = pick(['alice', 'bob', 'ci-bot', 'backup', 'terraform']);
    return {
      type: 'IAMUser',
      principalId: `AIDA${hex(16).toUpperCase()}`,
      arn: `arn:aws:iam::${acct}:user/${name}`,
      accountId: acct,
      accessKeyId: `${withSession ? 'ASIA' : 'AKIA'}${hex(16).toUpperCase()}`,
      userName: name,
      ...(withSession ? { sessionContext: session(withSession) } : {}),
    };
  };
  const root = (): Record<string, unknown> => {
    const acct = account();
    return { type: 'Root', principalId: acct, arn: `arn:aws:iam::${acct}:root`, accountId: acct, accessKeyId: '' };
  };
  const apiName = (): string => `${pick(VERBS)}${pick(NOUNS)}`;
  const signin = (identity: Record<string, unknown>, mfaUsed: string): Record<string, unknown> => ({
    ...base(identity, 'signin', 'ConsoleLogin', 'AwsConsoleSignIn'),
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: mfaUsed },
  });

  function benign(): Record<string, unknown> {
    const roll = rng();
    if (roll < 0.3) {
      const service = pick(SERVICES);
      return base({ type: 'AWSService', invokedBy: `${service}.amazonaws.com` }, pick(SERVICES), apiName());
    }
    if (roll < 0.55) return base(user(undefined), pick(SERVICES), apiName());
    if (roll < 0.75) return base(role('true'), pick(SERVICES), apiName());
    if (roll < 0.85) return base(user(undefined), 's3', pick(['GetObject', 'PutObject', 'HeadObject']));
    if (roll < 0.93)
      return base(
        { accountId: account(), invokedBy: 'AWS Internal' },
        pick(['kms', 'sso', 'health']),
        pick(['RotateKey', 'CredentialVerification', 'UpdateStatus']),
        'AwsServiceEvent',
      );
    if (roll < 0.97) return signin(user(undefined), 'Yes');
    return base({ ...root(), invokedBy: 'support.amazonaws.com' }, 'support', 'DescribeCases');
  }

  function matching(): Record<string, unknown> {
    const roll = rng();
    if (roll < 0.5) return base(role('false'), pick(SERVICES), apiName());
    if (roll < 0.7) return base(user('false'), pick(SERVICES), apiName());
    if (roll < 0.85) return signin(user(undefined), 'No');
    return rng() < 0.5 ? signin(root(), 'No') : base(root(), pick(SERVICES), apiName());
  }

  return { next: () => (rng() < matchRate ? matching() : benign()) };
}

/** `count` records from a fresh generator. */
export function generateRecords(count: number, options: GeneratorOptions = {}): Record<string, unknown>[] {
  const generator = recordGenerator(options);
  return Array.from({ length: count }, () => generator.next());
}
