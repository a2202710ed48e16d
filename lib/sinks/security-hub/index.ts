import type { BatchImportFindingsCommandInput } from '@aws-sdk/client-securityhub';
import type { Clients } from '../../aws/clients';
import { loadSecurityHubSdk } from '../../aws/clients';
import type { Sink } from '../types';
import { planFindings } from './plan';

export * from './constants';
export { ASFF_SEVERITY, buildFinding, findingTypes, planFindings } from './plan';

/** Some findings of a BatchImportFindings call were refused (the call itself succeeded). */
export class PartialImportError extends Error {
  static {
    Object.defineProperty(PartialImportError, 'name', { value: 'PartialImportError' });
  }
  override readonly name = 'PartialImportError';
  constructor(readonly failed: readonly { readonly id: string; readonly code: string; readonly message: string }[]) {
    super(`Security Hub refused ${failed.length} finding(s): ${failed.map((f) => `${f.id} ${f.code} ${f.message}`).join('; ')}`);
  }
}

/**
 * Sends the calls one after another (Security Hub allows 10 calls a second; an invocation
 * makes one in the common case). A refused finding fails the sink, so the retry sends the
 * batch's findings again: their ids are stable, so that updates them, never duplicates.
 */
export async function sendFindings(clients: Clients, requests: readonly BatchImportFindingsCommandInput[]): Promise<number> {
  if (requests.length === 0) return 0;
  if (!clients.securityHub) throw new Error('no Security Hub client');
  const { BatchImportFindingsCommand } = await loadSecurityHubSdk();
  let imported = 0;
  for (const request of requests) {
    const response = await clients.securityHub.send(new BatchImportFindingsCommand(request));
    imported += response.SuccessCount ?? 0;
    const failed = response.FailedFindings ?? [];
    if ((response.FailedCount ?? 0) > 0 || failed.length > 0) {
      throw new PartialImportError(failed.map((f) => ({ id: f.Id ?? '?', code: f.ErrorCode ?? '?', message: f.ErrorMessage ?? '' })));
    }
  }
  return imported;
}

/** ASFF findings in Security Hub CSPM (SECURITY_HUB=true): one per alerted (rule, principal) group. */
export const securityHubSink: Sink<BatchImportFindingsCommandInput> = {
  name: 'securityHub',
  plan: (decisions, config, now) => planFindings(decisions, config, now),
  send: async (requests, clients) => void (await sendFindings(clients, requests)),
};
