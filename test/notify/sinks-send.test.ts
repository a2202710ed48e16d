import type { Clients } from '../../lib/aws/clients';
import { bundledOutputs, NO_SINKS, sinkEnvironment, sinkResources, sinkStatements } from '../../lib/deploy/sinks';
import { PartialPutEventsError, sendEvents } from '../../lib/sinks/eventbridge';
import { PartialImportError, sendFindings } from '../../lib/sinks/security-hub';

const clients = (securityHub?: unknown, eventBridge?: unknown) => ({ securityHub, eventBridge }) as unknown as Clients;

describe('sending findings', () => {
  it('sends nothing for no requests, and refuses without a client', async () => {
    expect(await sendFindings(clients(), [])).toBe(0);
    await expect(sendFindings(clients(), [{ Findings: [] }])).rejects.toThrow('no Security Hub client');
  });

  it('counts what Security Hub imported, and fails on a refused finding, naming it', async () => {
    const ok = { send: async () => ({ SuccessCount: 2, FailedCount: 0, FailedFindings: [] }) };
    expect(await sendFindings(clients(ok), [{ Findings: [] }, { Findings: [] }])).toBe(4);
    const refused = { send: async () => ({ SuccessCount: 1, FailedCount: 1, FailedFindings: [{ Id: 'f1', ErrorCode: 'InvalidInput', ErrorMessage: 'bad' }] }) };
    const error = await sendFindings(clients(refused), [{ Findings: [] }]).catch((e) => e);
    expect(error).toBeInstanceOf(PartialImportError);
    expect(error.message).toBe('Security Hub refused 1 finding(s): f1 InvalidInput bad');
    const unnamed = { send: async () => ({ FailedCount: 1, FailedFindings: [{}] }) };
    expect((await sendFindings(clients(unnamed), [{ Findings: [] }]).catch((e) => e)).failed).toEqual([{ id: '?', code: '?', message: '' }]);
  });
});

describe('sending events', () => {
  it('sends nothing for no requests, and refuses without a client', async () => {
    expect(await sendEvents(clients(), [])).toBe(0);
    await expect(sendEvents(clients(), [{ Entries: [] }])).rejects.toThrow('no EventBridge client');
  });

  it('counts the entries accepted, and fails on a refused entry', async () => {
    const ok = { send: async () => ({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] }) };
    expect(await sendEvents(clients(undefined, ok), [{ Entries: [{}, {}] }])).toBe(2);
    const refused = {
      send: async () => ({ FailedEntryCount: 1, Entries: [{ EventId: '1' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }] }),
    };
    const error = await sendEvents(clients(undefined, refused), [{ Entries: [{}, {}] }]).catch((e) => e);
    expect(error).toBeInstanceOf(PartialPutEventsError);
    expect(error.message).toBe('EventBridge refused 1 event(s): ThrottlingException slow down');
  });
});

describe('the outputs in the stack (lib/deploy/sinks.ts)', () => {
  it.each([
    ['none', NO_SINKS, 0, [], {}],
    ['a created chat topic', { ...NO_SINKS, chatTopic: 'create' }, 1, ['chatbot'], { ChatTopicArn: expect.anything() }],
    ['an existing chat topic', { ...NO_SINKS, chatTopic: 'arn:aws:sns:us-east-1:111122223333:chat' }, 1, ['chatbot'], {}],
    ['Security Hub', { ...NO_SINKS, securityHub: true }, 1, ['securityHub'], {}],
    ['a bus by name', { ...NO_SINKS, eventBusName: 'security' }, 1, ['eventBridge'], {}],
    ['a bus by ARN', { ...NO_SINKS, eventBusName: 'arn:aws:events:us-east-1:111122223333:event-bus/x' }, 1, ['eventBridge'], {}],
    [
      'everything',
      { chatTopic: 'create', securityHub: true, eventBusName: 'default' },
      3,
      ['chatbot', 'securityHub', 'eventBridge'],
      { ChatTopicArn: expect.anything() },
    ],
  ] as const)('%s: one statement per output, its settings, its SDKs and its outputs', (_name, settings, statements, sdks, outputs) => {
    expect(sinkStatements(settings)).toHaveLength(statements);
    for (const s of sinkStatements(settings)) expect(typeof s.Action).toBe('string');
    expect(bundledOutputs(settings)).toEqual(sdks);
    const out: Record<string, unknown> = {};
    const resources = sinkResources(settings, out);
    expect(out).toEqual(outputs);
    expect(Object.keys(resources)).toEqual(settings.chatTopic === 'create' ? ['ChatTopic', 'ChatTopicPolicy'] : []);
    const env = sinkEnvironment(settings);
    expect(env.SECURITY_HUB).toBe(String(settings.securityHub));
    expect(env.EVENT_BUS_NAME).toBe(settings.eventBusName);
    expect(env.CHAT_TOPIC_ARN).toEqual(settings.chatTopic === 'create' ? { Ref: 'ChatTopic' } : settings.chatTopic);
  });
});
