import type { PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import type { AwsSecurityFinding, BatchImportFindingsCommandInput } from '@aws-sdk/client-securityhub';
import { alertId } from '../../lib/alerts';
import { loadConfig } from '../../lib/config';
import { planBatch } from '../../lib/pipeline';
import { compileRules, RULES, rulesOfPacks } from '../../lib/rules';
import {
  CHATBOT_SCHEMA,
  type ChatbotNotification,
  MAX_DESCRIPTION_LENGTH,
  MAX_KEYWORD_LENGTH,
  MAX_NEXT_STEP_LENGTH,
  MAX_TITLE_LENGTH,
} from '../../lib/sinks/chatbot';
import { EVENT_DETAIL_TYPE, EVENT_SOURCE, entryBytes, MAX_ENTRIES_PER_CALL } from '../../lib/sinks/eventbridge';
import { ASFF_LIMITS, findingTypes, MAX_FINDING_BYTES, MAX_FINDINGS_PER_CALL } from '../../lib/sinks/security-hub';
import type { SnsRequest } from '../../lib/sinks/sns';
import { cloudWatchLogsSource } from '../../lib/sources';
import { awslogsEvent } from '../../support/awslogs';
import { fixture } from '../fixtures/records';
import { ALL_OUTPUTS, CHAT_TOPIC, recordingLog, stubClients, TOPIC, testHandler } from '../helpers/pipeline';

const NOW = Date.UTC(2026, 2, 2, 9, 30);
const config = (env: Record<string, string> = {}) => loadConfig({ ALERT_TOPIC_ARN: TOPIC, LOG_LEVEL: 'SILENT', ...ALL_OUTPUTS, ...env });
const batchOf = (records: readonly Record<string, unknown>[]) =>
  cloudWatchLogsSource.decode(awslogsEvent(records.map((message, i) => ({ message, timestamp: NOW - 60_000 + i }))), { maxBytes: 1 << 25 });
const plan = (records: readonly Record<string, unknown>[], env: Record<string, string> = {}, rules = RULES, now = NOW) =>
  planBatch(batchOf(records), rules, config(env), now);
const chatMessages = (sinks: { chatbot?: readonly unknown[] }): ChatbotNotification[] =>
  (sinks.chatbot ?? []).flatMap((input) => {
    const i = input as { Message?: string; PublishBatchRequestEntries?: { Message?: string }[] };
    return (i.PublishBatchRequestEntries ?? [i]).map((e) => JSON.parse(e.Message as string) as ChatbotNotification);
  });
const findings = (sinks: { securityHub?: readonly unknown[] }): AwsSecurityFinding[] =>
  (sinks.securityHub ?? []).flatMap((input) => (input as BatchImportFindingsCommandInput).Findings ?? []);
const events = (sinks: { eventBridge?: readonly unknown[] }) => (sinks.eventBridge ?? []).flatMap((input) => (input as PutEventsCommandInput).Entries ?? []);

const ROOT = fixture('root-console-no-mfa').record;
const ROLE = fixture('assumed-role-api-no-mfa').record;
const USER = fixture('iam-user-api-mfa-false').record;
const ui = (r: Record<string, unknown>) => r.userIdentity as { arn: string; accountId: string; sessionContext?: { sessionIssuer?: { arn: string } } };
const ROLE_ARN = ui(ROLE).sessionContext?.sessionIssuer?.arn as string;

/** A record whose attacker-controlled fields try every trick. */
function hostile(): Record<string, unknown> {
  const r = structuredClone(ROLE) as Record<string, any>;
  r.userAgent = `[click](http://evil.example) \`code\` *bold* <script>\u202e\u0007\n${'A'.repeat(256 * 1024)}`;
  r.sourceIPAddress = '10.0.0.1\u202e`](x)';
  r.errorMessage = '`'.repeat(10_000);
  return r;
}

describe('Chatbot custom notifications (plan)', () => {
  it('follow the documented schema and limits', () => {
    const [alert] = chatMessages(plan([ROLE]).summary.sinks);
    expect(alert).toMatchObject({ version: CHATBOT_SCHEMA.version, source: CHATBOT_SCHEMA.source, content: { textType: 'client-markdown' } });
    expect(Object.keys(alert as object)).toEqual(['version', 'source', 'id', 'content', 'metadata']);
    expect(Object.keys(alert?.content as object)).toEqual(['textType', 'title', 'description', 'nextSteps', 'keywords']);
    expect(alert?.content.title).toMatch(/^:large_orange_diamond: MEDIUM: API activity without MFA: `/);
    expect(alert?.content.description).toContain('*Who:*');
    expect(alert?.content.nextSteps.length).toBeGreaterThan(1);
    expect(alert?.content.keywords).toEqual(['ApiActivityWithoutMFA', ui(ROLE).accountId, ROLE.awsRegion, 'medium']);
    expect(alert?.metadata.summary).toContain('API activity without MFA');
  });

  it('thread repeats of one (rule, principal) together, and separate other pairs', () => {
    const first = chatMessages(plan([ROLE]).summary.sinks)[0];
    const later = chatMessages(plan([ROLE], {}, RULES, NOW + 7_200_000).summary.sinks)[0];
    const other = chatMessages(plan([USER]).summary.sinks)[0];
    expect(first?.metadata.threadId).toBe(later?.metadata.threadId);
    expect(first?.metadata.threadId).not.toBe(other?.metadata.threadId);
  });

  it('apply the same cap as the e-mail topic, with one overflow notification', () => {
    const sinks = plan([ROOT, ROLE, USER], { NOTIFICATION_CAP: '1' }).summary.sinks;
    const messages = chatMessages(sinks);
    expect(messages.map((m) => m.content.title.slice(0, 40))).toEqual([expect.stringContaining('CRITICAL'), expect.stringContaining('more alerts')]);
    expect((sinks.chatbot?.[0] as { TopicArn?: string } | undefined)?.TopicArn).toBe(CHAT_TOPIC);
  });

  it('keep a hostile record inside code spans, within every limit, with no control or bidi character', () => {
    const [alert] = chatMessages(plan([hostile()]).summary.sinks);
    const description = alert?.content.description as string;
    // Lines are the description's own; no value brings a control or bidi character.
    expect(JSON.stringify(alert?.content)).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this assertion's purpose
    expect(description).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    // The user agent is shown only as inline code: its Markdown and its link are never live.
    expect(description).toContain("`[click](http://evil.example) 'code' *bold* <script>");
    expect(description.split('`').length % 2).toBe(1);
    expect(description.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    expect(alert?.content.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    for (const step of alert?.content.nextSteps ?? []) expect(step.length).toBeLessThanOrEqual(MAX_NEXT_STEP_LENGTH);
    for (const keyword of alert?.content.keywords ?? []) expect(keyword.length).toBeLessThanOrEqual(MAX_KEYWORD_LENGTH);
  });
});

describe('Security Hub findings (plan)', () => {
  it('carry every required ASFF field, mapped severity, resource and console link', () => {
    const [root, role, user] = [ROOT, ROLE, USER].map((r) => findings(plan([r]).summary.sinks)[0] as AwsSecurityFinding) as [
      AwsSecurityFinding,
      AwsSecurityFinding,
      AwsSecurityFinding,
    ];
    for (const f of [root, role, user]) {
      expect(f).toMatchObject({
        SchemaVersion: '2018-10-08',
        ProductArn: ALL_OUTPUTS.SECURITY_HUB_PRODUCT_ARN,
        AwsAccountId: '111122223333',
        GeneratorId: expect.stringMatching(/^trailwatch\/seed\//),
        UpdatedAt: new Date(NOW).toISOString(),
        RecordState: 'ACTIVE',
      });
      expect(f.Types).toEqual(['Unusual Behaviors/User']);
      expect(f.FindingProviderFields?.Severity?.Label).toBe(f.Severity?.Label);
      expect(f.Compliance).toBeUndefined();
    }
    expect(root?.Severity?.Label).toBe('CRITICAL');
    expect(role?.Severity?.Label).toBe('MEDIUM');
    expect(root?.Resources?.[0]).toMatchObject({ Type: 'Other', Id: ui(ROOT).arn });
    expect(role?.Resources?.[0]).toMatchObject({ Type: 'AwsIamRole', Id: ROLE_ARN });
    expect(user?.Resources?.[0]).toMatchObject({ Type: 'AwsIamUser', Id: expect.stringMatching(/:user\//) });
    expect(root?.SourceUrl).toMatch(/^https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\/cloudtrailv2\//);
  });

  it('have an Id stable per (rule, principal, window): a retry or repeat updates, a new window adds', () => {
    const id = (now: number, records = [ROLE]) => findings(plan(records, {}, RULES, now).summary.sinks)[0]?.Id;
    const firstTime = Date.parse(ROLE.eventTime as string);
    const windowEnd = firstTime - (firstTime % 3_600_000) + 3_600_000;
    expect(id(NOW)).toBe(id(NOW + 60_000));
    const moved = structuredClone(ROLE) as Record<string, unknown>;
    moved.eventTime = new Date(windowEnd + 1000).toISOString().replace('.000Z', 'Z');
    expect(id(NOW, [moved])).not.toBe(id(NOW));
    expect(id(NOW)).toBe(`trailwatch/${alertId({ rule: RULES[1] as never, principalKey: ROLE_ARN, firstTime }, 3600).id}`);
  });

  it('name the CIS control in Compliance.RelatedRequirements and use fitting types', () => {
    const cis = compileRules(rulesOfPacks(['seed', 'cis']));
    const all = findings(plan([ROOT], {}, cis).summary.sinks);
    const control = all.find((f) => f.GeneratorId === 'trailwatch/cis/CloudWatch.1');
    expect(control?.Compliance).toEqual({ Status: 'WARNING', RelatedRequirements: ['CloudWatch.1'] });
    expect(control?.Types).toContain('Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark');
  });

  it('send at most 100 findings per call', () => {
    const records = Array.from({ length: 150 }, (_, i) => {
      const r = structuredClone(USER) as Record<string, any>;
      r.userIdentity.arn = `arn:aws:iam::444455556666:user/u${i}`;
      return r;
    });
    const calls = plan(records, { NOTIFICATION_CAP: '1' }).summary.sinks.securityHub as BatchImportFindingsCommandInput[];
    expect(calls.map((c) => c.Findings?.length)).toEqual([MAX_FINDINGS_PER_CALL, 50]);
  });

  it('keep a hostile record within ASFF limits, one line each', () => {
    const f = findings(plan([hostile()]).summary.sinks)[0] as AwsSecurityFinding;
    expect(Buffer.byteLength(JSON.stringify(f))).toBeLessThan(MAX_FINDING_BYTES);
    expect(f?.Title?.length).toBeLessThanOrEqual(ASFF_LIMITS.title);
    expect(f?.Description?.length).toBeLessThanOrEqual(ASFF_LIMITS.description);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this assertion's purpose
    expect(f?.Description).not.toMatch(/[\n\u0007\u202e]/);
  });
});

describe('EventBridge events (plan)', () => {
  it('have source trailwatch, detail-type "trailwatch alert" and the alert facts as detail', () => {
    const [entry] = events(plan([ROLE]).summary.sinks);
    expect(entry).toMatchObject({ Source: EVENT_SOURCE, DetailType: EVENT_DETAIL_TYPE, EventBusName: 'security' });
    const detail = JSON.parse(entry?.Detail as string);
    expect(detail).toMatchObject({ rule: { id: 'ApiActivityWithoutMFA', severity: 'medium' }, principal: { type: 'AssumedRole' }, count: 1 });
    expect(detail.alertId).toMatch(/^ApiActivityWithoutMFA\//);
    expect(entry?.Resources).toEqual([ui(ROLE).arn, ROLE_ARN]);
  });

  it('send at most 10 entries and 256 KB per call, even for hostile records', () => {
    const records = Array.from({ length: 23 }, (_, i) => {
      const r = hostile() as Record<string, any>;
      r.userIdentity.sessionContext.sessionIssuer.arn = `arn:aws:iam::444455556666:role/R${i}`;
      return r;
    });
    const calls = plan(records).summary.sinks.eventBridge as PutEventsCommandInput[];
    expect(calls.map((c) => c.Entries?.length)).toEqual([MAX_ENTRIES_PER_CALL, MAX_ENTRIES_PER_CALL, 3]);
    for (const call of calls) expect((call.Entries ?? []).reduce((n, e) => n + entryBytes(e), 0)).toBeLessThan(256 * 1024);
  });
});

describe('every output, through the handler', () => {
  const recent = () => Date.now() - 60_000;
  const event = (...records: Record<string, unknown>[]) => awslogsEvent(records.map((message, i) => ({ message, timestamp: recent() + i })));

  it('maps each enabled output to its exact SDK inputs in the summary, and counts each', async () => {
    const summary = await testHandler({ env: { ...ALL_OUTPUTS, DRY_RUN: 'true' } })(event(ROOT, ROLE));
    expect(Object.keys(summary.sinks).sort()).toEqual(['chatbot', 'eventBridge', 'securityHub']);
    expect(summary.sinkCounts).toEqual({ metrics: 3, sns: 3, chatbot: 3, securityHub: 3, eventBridge: 3 });
  });

  it('logs how many requests each output makes, and the requests themselves only at debug', async () => {
    const log = recordingLog();
    await testHandler({ env: { ...ALL_OUTPUTS, DRY_RUN: 'true' }, log })(event(ROOT));
    const summary = log.lines.find((l) => l.message === 'trailwatch.summary')?.extra[0]?.summary as { sinks: unknown };
    expect(summary.sinks).toEqual({ chatbot: 1, securityHub: 1, eventBridge: 1 });
    const requests = log.lines.find((l) => l.message === 'trailwatch.requests')?.extra[0] as { sinks: Record<string, unknown[]> };
    expect(Object.keys(requests.sinks).sort()).toEqual(['chatbot', 'eventBridge', 'securityHub']);
  });

  it('reports nothing for outputs that are off', async () => {
    const summary = await testHandler({ env: { DRY_RUN: 'true' } })(event(ROOT));
    expect(summary.sinks).toEqual({});
    expect(Object.keys(summary.sinkCounts)).toEqual(['metrics', 'sns']);
  });

  it.each(['chatbot', 'securityHub', 'eventBridge'] as const)(
    'a failing %s does not stop the others, and the retry sends only to it, the same alerts',
    async (failing) => {
      const stub = stubClients({ [failing]: true });
      const handler = testHandler({ env: ALL_OUTPUTS, clients: stub.clients });
      const batch = event(ROOT, ROLE);
      await expect(handler(batch)).rejects.toMatchObject({ name: 'DeliveryError', failures: [{ sink: failing }] });
      const before = { messages: stub.sent.messages.length, chat: stub.sent.chat.length, findings: stub.sent.findings.length, events: stub.sent.events.length };
      expect(before.messages).toBeGreaterThan(0);
      stub.fail[failing] = false;
      const retry = await handler(batch);
      const key = { chatbot: 'chat', securityHub: 'findings', eventBridge: 'events' }[failing] as 'chat' | 'findings' | 'events';
      expect(stub.sent[key].length).toBeGreaterThan(0);
      expect(stub.sent.messages).toHaveLength(before.messages);
      for (const other of ['chat', 'findings', 'events'] as const) if (other !== key) expect(stub.sent[other]).toHaveLength(before[other]);
      expect(retry.sinkCounts[failing]).toBe(stub.sent[key].length);
      expect(await handler(batch)).toMatchObject({ replayed: true });
    },
  );
});

describe('the SNS requests the chat topic gets', () => {
  it('carry no Subject (Chatbot reads the JSON body) and the same filter attributes as alerts', () => {
    const requests = plan([ROLE]).requests.chatbot as readonly SnsRequest[];
    const input = requests[0]?.input as { Subject?: string; MessageAttributes?: Record<string, { StringValue?: string }> };
    expect(input.Subject).toBeUndefined();
    expect(input.MessageAttributes?.severity?.StringValue).toBe('medium');
    expect(input.MessageAttributes?.rule?.StringValue).toBe('ApiActivityWithoutMFA');
  });
});

describe('what each output says for other principals', () => {
  const withKey = (key: string) => {
    const r = structuredClone(USER) as Record<string, any>;
    r.userIdentity.accessKeyId = key;
    return r;
  };
  const session = (name: string) => {
    const r = structuredClone(ROLE) as Record<string, any>;
    r.userIdentity.arn = `${(r.userIdentity.arn as string).replace(/\/[^/]+$/, '')}/${name}`;
    return r;
  };

  it.each([
    ['root', ROOT, 'Confirm with the account owner'],
    ['an assumed role', ROLE, "Review the role's sessions"],
    ['an IAM user with a long-term key', withKey('AKIAEXAMPLE000000001'), 'deactivate and rotate it'],
    ['an IAM user with a session key', withKey('ASIAEXAMPLE000000001'), 'revoke the sessions and rotate the keys'],
  ])('Chatbot next steps for %s', (_name, record, step) => {
    const [alert] = chatMessages(plan([record as Record<string, unknown>]).summary.sinks);
    expect(alert?.content.nextSteps.join('\n')).toContain(step);
  });

  it("lists a role's sessions and how many more in Chatbot", () => {
    const records = Array.from({ length: 7 }, (_, i) => session(`s${i}`));
    const [alert] = chatMessages(plan(records).summary.sinks);
    expect(alert?.content.description).toContain('*Sessions (7):* `s0`, `s1`, `s2`, `s3`, `s4` and 2 more');
  });

  it('summarises more than 50 groups over the cap in one Chatbot notification', () => {
    const records = Array.from({ length: 60 }, (_, i) => {
      const r = structuredClone(USER) as Record<string, any>;
      r.userIdentity.arn = `arn:aws:iam::444455556666:user/u${i}`;
      return r;
    });
    const messages = chatMessages(plan(records, { NOTIFICATION_CAP: '1' }).summary.sinks);
    expect(messages).toHaveLength(2);
    expect(messages[1]?.content.description).toContain('… and 9 more');
    expect(messages[1]?.metadata.threadId).toBe('trailwatch/overflow');
  });

  it('names a principal without an IAM resource type as Other, and leaves out a console link it cannot build', () => {
    const r = structuredClone(ROLE) as Record<string, any>;
    r.userIdentity = {
      type: 'FederatedUser',
      arn: 'arn:aws:sts::444455556666:federated-user/bob',
      accountId: '444455556666',
      sessionContext: { attributes: { mfaAuthenticated: 'false' } },
    };
    r.awsRegion = 'not a region!';
    const f = findings(plan([r]).summary.sinks)[0] as AwsSecurityFinding;
    expect(f.Resources?.[0]).toMatchObject({ Type: 'Other', Id: 'arn:aws:sts::444455556666:federated-user/bob' });
    expect(f.SourceUrl).toBeUndefined();
  });

  it.each([
    ['CloudWatch.4', 'TTPs/Privilege Escalation'],
    ['CloudWatch.5', 'TTPs/Defense Evasion'],
    ['CloudWatch.8', 'Effects/Data Exposure'],
    ['CloudWatch.10', 'Unusual Behaviors/User'],
  ])('gives %s the finding type %s', (id, type) => {
    expect(findingTypes({ id, pack: 'cis' })[0]).toBe(type);
    expect(findingTypes({ id, pack: 'cis' })).toContain('Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark');
    expect(findingTypes({ id, pack: 'user' })).toEqual(['Unusual Behaviors/User']);
  });

  it('plans nothing for an output that is off, or when nothing alerts', () => {
    const off = plan([ROLE], { CHAT_TOPIC_ARN: '', SECURITY_HUB: 'false', EVENT_BUS_NAME: '' });
    expect(off.requests.chatbot).toEqual([]);
    expect(off.requests.securityHub).toEqual([]);
    expect(off.requests.eventBridge).toEqual([]);
    const quiet = plan([fixture('iam-user-console-mfa').record]);
    expect(quiet.requests.chatbot).toEqual([]);
    expect(quiet.requests.securityHub).toEqual([]);
    expect(quiet.requests.eventBridge).toEqual([]);
  });
});
