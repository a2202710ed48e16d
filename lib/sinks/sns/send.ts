import type { SNSClient } from '@aws-sdk/client-sns';
import { loadSdk } from '../../aws/clients';
import type { SnsRequest } from './plan';

/** Some entries of a PublishBatch failed (SNS answers 200 with a Failed list). */
export class PartialPublishError extends Error {
  // The minified bundle renames classes; Lambda's errorType reads the constructor's name.
  static {
    Object.defineProperty(PartialPublishError, 'name', { value: 'PartialPublishError' });
  }
  override readonly name = 'PartialPublishError';
  constructor(
    readonly failed: readonly { readonly id: string; readonly code: string; readonly senderFault: boolean; readonly message?: string }[],
    readonly sent: number,
  ) {
    super(`SNS PublishBatch rejected ${failed.length} message(s): ${failed.map((f) => `${f.id} ${f.code}`).join(', ')}`);
  }
}

/**
 * Sends every request, one after another. A request that fails rejects at once; a
 * PublishBatch with failed entries rejects with {@link PartialPublishError}.
 * The SDK module is loaded on first use, so that a cold start does not pay for loading it.
 * @returns the number of messages SNS accepted.
 */
export async function sendNotifications(client: Pick<SNSClient, 'send'>, requests: readonly SnsRequest[]): Promise<number> {
  if (requests.length === 0) return 0;
  const { PublishBatchCommand, PublishCommand } = await loadSdk();
  let sent = 0;
  for (const request of requests) {
    if (request.action === 'Publish') {
      await client.send(new PublishCommand(request.input));
      sent++;
      continue;
    }
    const response = await client.send(new PublishBatchCommand(request.input));
    sent += response.Successful?.length ?? 0;
    const failed = response.Failed ?? [];
    if (failed.length > 0) {
      throw new PartialPublishError(
        failed.map((f) => ({ id: f.Id ?? '?', code: f.Code ?? '?', senderFault: f.SenderFault ?? false, message: f.Message })),
        sent,
      );
    }
  }
  return sent;
}
