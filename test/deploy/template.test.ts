import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logicalId } from '../../lib/deploy/resources';
import { eventBridgePrefilter } from '../../lib/deploy/sources';
import { compileJsonPattern } from '../../lib/filter-pattern';
import { RULES, rulesOfPacks, subscriptionFilterPattern } from '../../lib/rules';
import { ruleMatches } from '../../lib/rules/compiled';
import { nagTemplate } from '../../support/cdk-nag';
import { RECORD_FIXTURES } from '../fixtures/records';

const ROOT = join(__dirname, '..', '..');
const SLS = join(ROOT, 'node_modules', '.bin', 'serverless');
const EXISTING_TOPIC = 'arn:aws:sns:eu-west-1:111122223333:security-alerts';
const OFFLINE_ENV = {
  ...process.env,
  SLS_TELEMETRY_DISABLED: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'dummy',
  AWS_REGION: 'us-east-1',
};

type Template = {
  Parameters: Record<string, any>;
  Conditions: Record<string, any>;
  Resources: Record<string, { Type: string; Properties: any; Condition?: string }>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
};

const dir = mkdtempSync(join(tmpdir(), 'trailwatch-package-'));
function packageStack(name: string, params: string[]): { template: Template; path: string; zip: string } {
  const out = join(dir, name);
  execFileSync(SLS, ['package', '--package', out, ...params.flatMap((p) => ['--param', p])], { cwd: ROOT, env: OFFLINE_ENV, stdio: 'pipe' });
  const path = join(out, 'cloudformation-template-update-stack.json');
  return { template: JSON.parse(readFileSync(path, 'utf8')) as Template, path, zip: join(out, 'trailwatch.zip') };
}

const byType = (t: Template, type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const policyStatements = (t: Template): any[] => ((t.Resources.DetectorRole?.Properties.Policies ?? []) as any[]).flatMap((p) => p.PolicyDocument.Statement);
const topicRef = { 'Fn::If': ['CreateAlertTopic', { Ref: 'AlertTopic' }, { Ref: 'AlertTopicArn' }] };

/** Every IAM policy statement anywhere in the template (any object with an Effect). */
function allStatements(node: unknown, found: any[] = []): any[] {
  if (Array.isArray(node)) for (const n of node) allStatements(n, found);
  else if (node && typeof node === 'object') {
    if ('Effect' in node) found.push(node);
    else for (const value of Object.values(node)) allStatements(value, found);
  }
  return found;
}
const actionsOf = (statements: any[]): string[] => statements.flatMap((s) => ([] as string[]).concat(s.Action ?? []));

let standard: ReturnType<typeof packageStack>;
let native: ReturnType<typeof packageStack>;
let kinesis: ReturnType<typeof packageStack>;
let eventbridge: ReturnType<typeof packageStack>;
let outputs: ReturnType<typeof packageStack>;
const STACKS = ['standard', 'native', 'kinesis', 'eventbridge', 'outputs'] as const;
const stack = (name: (typeof STACKS)[number]) => ({ standard, native, kinesis, eventbridge, outputs })[name];
const EXISTING_CHAT_TOPIC = 'arn:aws:sns:us-east-1:111122223333:chat-alerts';
const EXISTING_BUS = 'arn:aws:events:us-east-1:111122223333:event-bus/security';

beforeAll(() => {
  standard = packageStack('standard', ['logGroupName=org-trail']);
  native = packageStack('native', [
    'logGroupName=org-trail',
    'nativeMetricFilters=true',
    `alertTopicArn=${EXISTING_TOPIC}`,
    'rulePacks=seed,cis',
    'rulesFile=test/fixtures/rules/user-rules.yml',
    `chatTopicArn=${EXISTING_CHAT_TOPIC}`,
    `eventBusName=${EXISTING_BUS}`,
  ]);
  kinesis = packageStack('kinesis', ['logGroupName=org-trail', 'source=kinesis', 'kinesisShards=4', 'destinationAccounts=222233334444,555566667777']);
  // A bundle left in the build folder by an earlier build (say `invoke local` with source=kinesis).
  mkdirSync(join(ROOT, '.esbuild', '.build', 'handlers'), { recursive: true });
  writeFileSync(join(ROOT, '.esbuild', '.build', 'handlers', 'kinesis.js'), '// stale\n');
  eventbridge = packageStack('eventbridge', ['source=eventbridge']);
  outputs = packageStack('outputs', ['chatTopicArn=create', 'securityHub=true', 'eventBusName=security']);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serverless package (offline, dummy credentials)', () => {
  const cfnLint = spawnSync('cfn-lint', ['--version']).status === 0;
  if (!cfnLint && process.env.CI !== 'true') {
    console.warn('cfn-lint not found: skipping the lint check (pip install cfn-lint)');
  }
  (cfnLint || process.env.CI === 'true' ? it : it.skip).each(STACKS)('the %s template is cfn-lint clean, warnings included', (name) => {
    const result = spawnSync('cfn-lint', [stack(name).path], { encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  describe("cdk-nag's AwsSolutions pack", () => {
    it.each(['standard', 'native'])('reports no unacknowledged finding on the %s template', (name) => {
      const report = nagTemplate(name === 'standard' ? standard.path : native.path);
      expect(report.findings).toEqual([]);
      expect(report.acknowledged.map((a) => `${a.resource} ${a.rule}`).sort()).toEqual([
        'DetectorRole AwsSolutions-IAM5[Resource::*]',
        'FailedBatchQueue AwsSolutions-SQS3',
        'ServerlessDeploymentBucket AwsSolutions-S1',
      ]);
    });

    it.each(['kinesis', 'eventbridge', 'outputs'] as const)('reports no unacknowledged finding on the %s template', (name) => {
      expect(nagTemplate(stack(name).path).findings).toEqual([]);
    });

    it('finds what it should: the same template without our fixes has errors', () => {
      const bare = JSON.parse(readFileSync(standard.path, 'utf8')) as Template;
      delete bare.Resources.FailedBatchQueuePolicy;
      delete bare.Resources.AlertTopicPolicy;
      delete (bare.Resources.FailedBatchQueue as { Metadata?: unknown }).Metadata;
      delete (bare.Resources.DetectorRole as { Metadata?: unknown }).Metadata;
      const path = join(dir, 'bare.json');
      writeFileSync(path, JSON.stringify(bare));
      expect(
        nagTemplate(path)
          .findings.map((f) => `${f.resource} ${f.rule}`)
          .sort(),
      ).toEqual([
        'AlertTopic AwsSolutions-SNS3',
        'DetectorRole AwsSolutions-IAM5[Resource::*]',
        'FailedBatchQueue AwsSolutions-SQS3',
        'FailedBatchQueue AwsSolutions-SQS4',
      ]);
    });
  });

  describe('params are checked before anything is packaged or run', () => {
    const run = (args: string[]) => spawnSync(SLS, args, { cwd: ROOT, env: OFFLINE_ENV, encoding: 'utf8', timeout: 60_000 });
    it.each([
      ['notificationCap=500', 'Invalid --param notificationCap="500" (NOTIFICATION_CAP): expected a whole number from 1 to 50'],
      ['destinationOrgId=o-a1b2c3d4e5', 'Invalid --param destinationOrgId="o-a1b2c3d4e5": expected source=kinesis'],
      ['source=firehose', 'Invalid --param source="firehose": expected cloudwatch, kinesis or eventbridge'],
      ['alertTopc=arn:aws:sns:us-east-1:123456789012:x', 'Unknown --param alertTopc: expected one of the known params: logGroupName, alertTopicArn'],
    ])('serverless package --param %s fails, naming the param', (param, message) => {
      const result = run(['package', '--package', join(dir, 'bad'), '--param', param]);
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain(message);
    });

    it('serverless package refuses a rule that reads the raw message with source=eventbridge, naming the rule', () => {
      const result = run([
        'package',
        '--package',
        join(dir, 'bad-eventbridge'),
        '--param',
        'source=eventbridge',
        '--param',
        'rulesFile=test/fixtures/rules/text-rules.yml',
      ]);
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('rule AccessDeniedTerms has a terms pattern');
    });

    it('serverless package fails on an invalid suppressions file, naming the entry, the field and the column', () => {
      const file = join(dir, 'bad-suppressions.yml');
      writeFileSync(file, '- id: ci\n  rules: "*"\n  pattern: "{ $.a = }"\n  reason: r\n  owner: o\n  expires: 2027-01-01\n');
      const result = run(['package', '--package', join(dir, 'bad-suppressions'), '--param', `suppressionsFile=${file}`]);
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/Invalid suppression "ci" \(#1\), field pattern, column \d+/);
    });

    it('serverless invoke local with a bad param exits non-zero at once', () => {
      const started = Date.now();
      const result = run(['invoke', 'local', '-f', 'detector', '-p', 'events/mixed.json', '--stage', 'local', '--param', 'logLevel=VERBOSE']);
      expect(result.signal).toBeNull();
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain('Invalid --param logLevel="VERBOSE" (LOG_LEVEL)');
      expect(Date.now() - started).toBeLessThan(30_000);
    });
  });

  it('deploys the function as specified', () => {
    const fn = standard.template.Resources.DetectorLambdaFunction?.Properties;
    expect(fn).toMatchObject({ Handler: 'handlers/detector.handler', Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: 256, Timeout: 30 });
    expect(fn.Environment.Variables).toMatchObject({
      ALERT_TOPIC_ARN: topicRef,
      METRIC_NAMESPACE: 'CloudTrailMetrics',
      PUBLISH_METRICS: 'true',
      NOTIFICATION_CAP: '20',
      DRY_RUN: 'false',
    });
    expect(standard.template.Resources.DetectorLogGroup?.Properties).toEqual({ LogGroupName: '/aws/lambda/trailwatch-dev-detector', RetentionInDays: 90 });
  });

  it('ships the minified handler with the SDK clients split into lazily loaded chunks, within 400 KB in all', () => {
    expect(statSync(standard.zip).size).toBeGreaterThan(50_000);
    const listing = execFileSync(
      'python3',
      ['-c', 'import sys,zipfile;print("\\n".join(f"{i.filename} {i.file_size}" for i in zipfile.ZipFile(sys.argv[1]).infolist()))', standard.zip],
      { encoding: 'utf8' },
    );
    const files = listing
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .map(([name, size]) => ({ name: name as string, size: Number(size) }));
    expect(files.map((f) => f.name)).toContain('handlers/detector.js');
    expect(files.map((f) => f.name)).toContain('handlers/package.json');
    expect(files.filter((f) => !/^handlers\/([\w-]+\.js|package\.json)$/.test(f.name))).toEqual([]);
    expect(files.length).toBeGreaterThan(1);
    expect(files.reduce((sum, f) => sum + f.size, 0)).toBeLessThanOrEqual(400 * 1024);
  });

  it("ships only the chosen source's handler, whatever was built before", () => {
    // Packaged after a stale kinesis bundle was left in the build folder.
    const listing = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', eventbridge.zip], {
      encoding: 'utf8',
    });
    expect(listing).toContain('handlers/eventbridge.js');
    expect(listing).not.toContain('handlers/kinesis.js');
    expect(listing).not.toContain('handlers/detector.js');
  });

  describe('least privilege', () => {
    it.each(STACKS)('the %s template allows no wildcard action anywhere', (name) => {
      const statements = allStatements(stack(name).template.Resources);
      const actions = actionsOf(statements.filter((s) => s.Effect === 'Allow'));
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.filter((a) => a.includes('*'))).toEqual([]);
      expect(statements.filter((s) => s.NotAction !== undefined)).toEqual([]);
    });

    it('uses a wildcard action only to deny every request that is not over TLS', () => {
      const denies = allStatements(standard.template.Resources).filter((s) => s.Effect === 'Deny');
      expect(denies.length).toBe(3);
      for (const deny of denies) expect(deny.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
      expect(actionsOf(denies).sort()).toEqual(['s3:*', 'sns:Publish', 'sqs:*']);
    });

    it('grants exactly logs on its own log group, namespaced PutMetricData, the state table, Publish on the topic and SendMessage on the queue', () => {
      expect(policyStatements(standard.template)).toEqual([
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': ['DetectorLogGroup', 'Arn'] } },
        {
          Effect: 'Allow',
          Action: 'cloudwatch:PutMetricData',
          Resource: '*',
          Condition: { StringEquals: { 'cloudwatch:namespace': 'CloudTrailMetrics' } },
        },
        {
          Effect: 'Allow',
          Action: ['dynamodb:UpdateItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
          Resource: { 'Fn::GetAtt': ['StateTable', 'Arn'] },
        },
        { Effect: 'Allow', Action: 'sns:Publish', Resource: topicRef },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['FailedBatchQueue', 'Arn'] } },
      ]);
      expect(byType(standard.template, 'AWS::IAM::Role').map(([id]) => id)).toEqual(['DetectorRole']);
    });

    it('lets only CloudWatch Logs of this account and log group invoke the function', () => {
      expect(standard.template.Resources.DetectorLogsInvokePermission?.Properties).toEqual({
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': ['DetectorLambdaFunction', 'Arn'] },
        Principal: 'logs.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
        SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:org-trail:*' },
      });
    });
  });

  describe('the subscription and its generated pre-filter', () => {
    it('subscribes the function to the CloudTrail log group with the pattern generated from lib/rules', () => {
      const subscriptions = byType(standard.template, 'AWS::Logs::SubscriptionFilter');
      expect(subscriptions).toHaveLength(1);
      expect(subscriptions[0]?.[1].Properties).toEqual({
        FilterName: 'trailwatch',
        LogGroupName: 'org-trail',
        FilterPattern: subscriptionFilterPattern(),
        DestinationArn: { 'Fn::GetAtt': ['DetectorLambdaFunction', 'Arn'] },
      });
    });

    it('the deployed pre-filter parses and lets through every fixture any rule matches', () => {
      const pattern = standard.template.Resources.CloudTrailSubscription?.Properties.FilterPattern as string;
      expect(pattern.length).toBeLessThanOrEqual(1024);
      const prefilter = compileJsonPattern(pattern);
      const matched = RECORD_FIXTURES.filter((f) => RULES.some((rule) => ruleMatches(rule, f.record)));
      expect(matched.length).toBeGreaterThan(5);
      for (const f of matched) expect(prefilter.matches(f.record)).toBe(true);
    });
  });

  describe('alarms', () => {
    it.each(RULES.map((rule) => [rule.id, rule.metricName] as const))(
      '%s: Sum of %s ≥ 1 over 5 minutes, 1 period, missing data not breaching',
      (id, metricName) => {
        expect(standard.template.Resources[`${id}Alarm`]?.Properties).toMatchObject({
          Namespace: 'CloudTrailMetrics',
          MetricName: metricName,
          Statistic: 'Sum',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: [topicRef],
        });
      },
    );

    it('alarms on the on-failure queue’s depth and on function errors', () => {
      expect(standard.template.Resources.FailedBatchAlarm?.Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['FailedBatchQueue', 'QueueName'] } }],
        AlarmActions: [topicRef],
      });
      expect(standard.template.Resources.DetectorErrorsAlarm?.Properties).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'DetectorLambdaFunction' } }],
      });
    });
  });

  it('sends batches that exhaust the retries to an SQS on-failure destination', () => {
    expect(standard.template.Resources.DetectorLambdaEvConf?.Properties).toEqual({
      FunctionName: { Ref: 'DetectorLambdaFunction' },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailedBatchQueue', 'Arn'] } } },
    });
  });

  it('creates a topic when none is given, and uses the given one otherwise', () => {
    expect(standard.template.Parameters.AlertTopicArn.Default).toBe('');
    expect(standard.template.Resources.AlertTopic?.Condition).toBe('CreateAlertTopic');
    expect(standard.template.Conditions.CreateAlertTopic).toEqual({ 'Fn::Equals': [{ Ref: 'AlertTopicArn' }, ''] });
    expect(native.template.Parameters.AlertTopicArn.Default).toBe(EXISTING_TOPIC);
    expect(native.template.Resources.DetectorLambdaFunction?.Properties.Environment.Variables.ALERT_TOPIC_ARN).toBe(EXISTING_TOPIC);
  });

  describe('native mode, with rulePacks=seed,cis', () => {
    it.each(rulesOfPacks(['seed', 'cis']).map((rule) => [rule.id, rule] as const))('deploys the %s metric filter with its verbatim pattern', (id, rule) => {
      const filter = native.template.Resources[`${logicalId(id)}MetricFilter`];
      expect(filter?.Condition).toBe('NativeMetricFilters');
      expect(filter?.Properties).toEqual({
        FilterName: id,
        LogGroupName: 'org-trail',
        FilterPattern: rule.pattern,
        MetricTransformations: [{ MetricNamespace: 'CloudTrailMetrics', MetricName: rule.metricName, MetricValue: '1' }],
      });
    });

    it('stops the function publishing its own metrics, so nothing is counted twice', () => {
      expect(native.template.Parameters.NativeMetricFilters.Default).toBe('true');
      expect(standard.template.Parameters.NativeMetricFilters.Default).toBe('false');
      expect(native.template.Resources.DetectorLambdaFunction?.Properties.Environment.Variables.PUBLISH_METRICS).toBe('false');
    });

    it('evaluates both packs and the user rules, alarms on every rule, and subscribes with the generated pre-filter that fits', () => {
      const rules = rulesOfPacks(['seed', 'cis']);
      expect(native.template.Resources.DetectorLambdaFunction?.Properties.Environment.Variables.RULE_PACKS).toBe('seed,cis');
      for (const rule of rules) expect(native.template.Resources[`${logicalId(rule.id)}Alarm`]?.Properties.MetricName).toBe(rule.metricName);
      const filter = native.template.Resources.CloudTrailSubscription?.Properties.FilterPattern;
      const { loadRulesFile } = require('../../scripts/yaml-files.js') as { loadRulesFile(path: string, ids: string[], ns: string): { rules: typeof rules } };
      const user = loadRulesFile(join(ROOT, 'test/fixtures/rules/user-rules.yml'), [], 'CloudTrailMetrics').rules;
      expect(filter).toBe(subscriptionFilterPattern([...rules, ...user]));
      expect(filter.length).toBeLessThanOrEqual(1024);
    });
  });

  describe("the user's own rules (rulesFile)", () => {
    it('deploys a metric filter with the field value and default value, an alarm in its namespace, and lets the function publish there', () => {
      expect(native.template.Resources.LargeS3DownloadMetricFilter?.Properties.MetricTransformations).toEqual([
        { MetricNamespace: 'Security/S3', MetricName: 'LargeS3DownloadBytes', MetricValue: '$.additionalEventData.bytesTransferredOut', DefaultValue: 0 },
      ]);
      expect(native.template.Resources.LargeS3DownloadAlarm?.Properties).toMatchObject({ Namespace: 'Security/S3', MetricName: 'LargeS3DownloadBytes' });
      expect(native.template.Resources.DeleteTrailOrLogGroupAlarm?.Properties).toMatchObject({
        Namespace: 'CloudTrailMetrics',
        MetricName: 'TrailDeletionCount',
      });
      const putMetricData = policyStatements(native.template).find((st) => st.Action === 'cloudwatch:PutMetricData');
      expect(putMetricData.Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': ['CloudTrailMetrics', 'Security/S3'] } });
    });

    it('fails packaging on an invalid rule, naming the entry, the field and the column', () => {
      const file = join(dir, 'bad-rules.yml');
      writeFileSync(file, '- id: x\n  pattern: "{ $.a == 1 }"\n  metricName: X\n  severity: low\n');
      const result = spawnSync(SLS, ['package', '--package', join(dir, 'bad-rules'), '--param', `rulesFile=${file}`], {
        cwd: ROOT,
        env: OFFLINE_ENV,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/Invalid rule "x" \(#1\), field pattern, column 7/);
    });
  });

  describe('source=kinesis, with a destination for other accounts', () => {
    const resources = () => kinesis.template.Resources;
    it('reads a provisioned, encrypted stream through an event source mapping that cannot block a shard', () => {
      expect(resources().TrailStream?.Properties).toMatchObject({
        StreamModeDetails: { StreamMode: 'PROVISIONED' },
        ShardCount: 4,
        StreamEncryption: { EncryptionType: 'KMS' },
      });
      expect(resources().DetectorLambdaFunction?.Properties.Handler).toBe('handlers/kinesis.handler');
      expect(resources().DetectorStreamMapping?.Properties).toMatchObject({
        EventSourceArn: { 'Fn::GetAtt': ['TrailStream', 'Arn'] },
        BatchSize: 100,
        MaximumBatchingWindowInSeconds: 1,
        ParallelizationFactor: 1,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 2,
        MaximumRecordAgeInSeconds: 3600,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailedRecordsBucket', 'Arn'] } } },
      });
      expect(byType(kinesis.template, 'AWS::SQS::Queue')).toEqual([]);
    });

    it('subscribes the log group to the stream with a role CloudWatch Logs of this account and the listed accounts may assume', () => {
      expect(resources().CloudTrailSubscription?.Properties).toMatchObject({
        DestinationArn: { 'Fn::GetAtt': ['TrailStream', 'Arn'] },
        RoleArn: { 'Fn::GetAtt': ['LogsToKinesisRole', 'Arn'] },
        FilterPattern: subscriptionFilterPattern(),
      });
      const trust = resources().LogsToKinesisRole?.Properties.AssumeRolePolicyDocument.Statement[0];
      expect(trust.Principal).toEqual({ Service: 'logs.amazonaws.com' });
      expect(JSON.stringify(trust.Condition)).toContain('222233334444');
      expect(actionsOf(allStatements(resources().LogsToKinesisRole))).toEqual(['sts:AssumeRole', 'kinesis:PutRecord', 'kinesis:PutRecords']);
    });

    it('opens a destination to exactly the listed accounts', () => {
      const policy = JSON.parse(resources().TrailwatchDestination?.Properties.DestinationPolicy['Fn::Sub']);
      expect(policy.Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { AWS: ['222233334444', '555566667777'] },
          Action: 'logs:PutSubscriptionFilter',
          Resource: 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:destination:${AWS::StackName}',
        },
      ]);
    });

    it('grants the function reads on its stream and writes to its failed-records bucket, nothing else new', () => {
      const statements = policyStatements(kinesis.template);
      expect(actionsOf(statements)).toEqual([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'cloudwatch:PutMetricData',
        'dynamodb:UpdateItem',
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'sns:Publish',
        'kinesis:DescribeStream',
        'kinesis:DescribeStreamSummary',
        'kinesis:GetRecords',
        'kinesis:GetShardIterator',
        'kinesis:ListShards',
        's3:ListBucket',
        's3:PutObject',
      ]);
    });
  });

  describe('outputs: Chatbot, Security Hub, EventBridge', () => {
    const env = (t: Template) => t.Resources.DetectorLambdaFunction?.Properties.Environment.Variables;
    const extra = (t: Template) => policyStatements(t).filter((s) => ['sns:Publish', 'securityhub:BatchImportFindings', 'events:PutEvents'].includes(s.Action));

    it('are off by default: no settings, no statements, no topic, and no SDK for them in the bundle', () => {
      expect(env(standard.template)).toMatchObject({ CHAT_TOPIC_ARN: '', SECURITY_HUB: 'false', SECURITY_HUB_PRODUCT_ARN: '', EVENT_BUS_NAME: '' });
      expect(extra(standard.template).map((s) => s.Action)).toEqual(['sns:Publish']);
      expect(standard.template.Resources.ChatTopic).toBeUndefined();
    });

    it('creates the chat topic (TLS only, its ARN an output) and grants one statement per output on its one resource', () => {
      const t = outputs.template;
      expect(t.Resources.ChatTopic?.Type).toBe('AWS::SNS::Topic');
      expect(t.Resources.ChatTopicPolicy?.Properties.PolicyDocument.Statement[0]).toMatchObject({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
      expect(t.Outputs?.ChatTopicArn?.Value).toEqual({ Ref: 'ChatTopic' });
      const productArn = { 'Fn::Sub': 'arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:product/${AWS::AccountId}/default' };
      expect(env(t)).toMatchObject({
        CHAT_TOPIC_ARN: { Ref: 'ChatTopic' },
        SECURITY_HUB: 'true',
        SECURITY_HUB_PRODUCT_ARN: productArn,
        EVENT_BUS_NAME: 'security',
      });
      expect(extra(t).slice(1)).toEqual([
        { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: 'ChatTopic' } },
        { Effect: 'Allow', Action: 'securityhub:BatchImportFindings', Resource: productArn },
        {
          Effect: 'Allow',
          Action: 'events:PutEvents',
          Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/security' },
        },
      ]);
    });

    it('uses an existing chat topic and bus by their ARNs', () => {
      expect(env(native.template)).toMatchObject({ CHAT_TOPIC_ARN: EXISTING_CHAT_TOPIC, EVENT_BUS_NAME: EXISTING_BUS });
      expect(extra(native.template).slice(1)).toEqual([
        { Effect: 'Allow', Action: 'sns:Publish', Resource: EXISTING_CHAT_TOPIC },
        { Effect: 'Allow', Action: 'events:PutEvents', Resource: EXISTING_BUS },
      ]);
      expect(native.template.Resources.ChatTopic).toBeUndefined();
    });

    it('ships the Security Hub and EventBridge clients only in the bundle of the deploy that uses them', () => {
      const unzipped = (zip: string) =>
        execFileSync('python3', ['-c', 'import sys,zipfile;print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))', zip], {
          encoding: 'utf8',
        });
      expect(Number(unzipped(outputs.zip))).toBeGreaterThan(Number(unzipped(standard.zip)) + 20_000);
      expect(Number(unzipped(standard.zip))).toBeLessThan(400 * 1024);
    });
  });

  describe('source=eventbridge', () => {
    it('invokes the function from a rule on CloudTrail API calls and console sign-ins, with no subscription', () => {
      const resources = eventbridge.template.Resources;
      expect(resources.DetectorLambdaFunction?.Properties.Handler).toBe('handlers/eventbridge.handler');
      expect(resources.CloudTrailEventRule?.Properties.EventPattern).toEqual(eventBridgePrefilter());
      expect(resources.CloudTrailEventRule?.Properties.EventPattern['detail-type']).toEqual([
        'AWS API Call via CloudTrail',
        'AWS Console Sign In via CloudTrail',
      ]);
      expect(resources.CloudTrailEventRule?.Properties.State).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
      expect(resources.CloudTrailEventRuleInvokePermission?.Properties).toMatchObject({
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': ['CloudTrailEventRule', 'Arn'] },
      });
      expect(byType(eventbridge.template, 'AWS::Logs::SubscriptionFilter')).toEqual([]);
      expect(resources.FailedBatchQueue).toBeDefined();
    });
  });

  describe('alert state', () => {
    it('keeps state in one on-demand table with TTL, encryption at rest and point-in-time recovery', () => {
      const tables = byType(standard.template, 'AWS::DynamoDB::Table');
      expect(tables.map(([id]) => id)).toEqual(['StateTable']);
      expect(tables[0]?.[1].Properties).toMatchObject({
        TableName: 'trailwatch-dev-state',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true },
        SSESpecification: { SSEEnabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
      expect(standard.template.Resources.DetectorLambdaFunction?.Properties.Environment.Variables).toMatchObject({
        STATE_TABLE_NAME: 'trailwatch-dev-state',
        ALERT_WINDOW_SECONDS: '3600',
      });
    });

    it('alarms when a bundled suppression has expired', () => {
      expect(standard.template.Resources.ExpiredSuppressionsAlarm?.Properties).toMatchObject({
        Namespace: 'CloudTrailMetrics',
        MetricName: 'ExpiredSuppressions',
        Statistic: 'Maximum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    });
  });
});
