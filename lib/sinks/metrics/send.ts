import type { CloudWatchClient, PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { loadSdk } from '../../aws/clients';

/**
 * Sends each PutMetricData input in order; the first failure rejects. The SDK module is
 * loaded here, on first use, so that a cold start does not pay for loading it.
 */
export async function publishMetrics(client: Pick<CloudWatchClient, 'send'>, inputs: readonly PutMetricDataCommandInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const { PutMetricDataCommand } = await loadSdk();
  for (const input of inputs) await client.send(new PutMetricDataCommand(input));
}
