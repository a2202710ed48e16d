import type { PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import { type Clients, loadEventBridgeSdk } from '../../aws/clients';
import type { Sink } from '../types';
import { planEvents } from './plan';

export * from './constants';
export { buildEntry, entryBytes, planEvents } from './plan';

/** Some entries of a PutEvents call were refused (the call itself succeeded). */
export class PartialPutEventsError extends Error {
  static {
    Object.defineProperty(PartialPutEventsError, 'name', { value: 'PartialPutEventsError' });
  }
  override readonly name = 'PartialPutEventsError';
  constructor(readonly failed: readonly { readonly code: string; readonly message: string }[]) {
    super(`EventBridge refused ${failed.length} event(s): ${failed.map((f) => `${f.code} ${f.message}`).join('; ')}`);
  }
}

/** Sends the calls one after another; refused entries fail the sink, so the retry sends the batch's events again. */
export async function sendEvents(clients: Clients, requests: readonly PutEventsCommandInput[]): Promise<number> {
  if (requests.length === 0) return 0;
  if (!clients.eventBridge) throw new Error('no EventBridge client');
  const { PutEventsCommand } = await loadEventBridgeSdk();
  let sent = 0;
  for (const request of requests) {
    const response = await clients.eventBridge.send(new PutEventsCommand(request));
    const failed = (response.Entries ?? []).filter((e) => e.ErrorCode);
    sent += (request.Entries?.length ?? 0) - failed.length;
    if ((response.FailedEntryCount ?? 0) > 0 || failed.length > 0) {
      throw new PartialPutEventsError(failed.map((f) => ({ code: f.ErrorCode ?? '?', message: f.ErrorMessage ?? '' })));
    }
  }
  return sent;
}

/** One EventBridge event per alerted (rule, principal) group on EVENT_BUS_NAME, for any rule to route. */
export const eventBridgeSink: Sink<PutEventsCommandInput> = {
  name: 'eventBridge',
  plan: (decisions, config) => planEvents(decisions, config),
  send: async (requests, clients) => void (await sendEvents(clients, requests)),
};
