import type { CloudWatchClient, PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';

/**
 * Sends each PutMetricData input in order; the first failure rejects. The SDK module is
 * required here, on first use, so that a cold start does not pay for loading it.
 */
export async function publishMetrics(client: Pick<CloudWatchClient, 'send'>, inputs: readonly PutMetricDataCommandInput[]): Promise<void> {
  if (inputs.length === 0) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PutMetricDataCommand } = require('../../aws/sdk') as typeof import('../../aws/sdk');
  for (const input of inputs) await client.send(new PutMetricDataCommand(input));
}
