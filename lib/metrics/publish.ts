import { PutMetricDataCommand, type CloudWatchClient, type PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';

/** Sends each PutMetricData input in order; the first failure rejects. */
export async function publishMetrics(client: Pick<CloudWatchClient, 'send'>, inputs: readonly PutMetricDataCommandInput[]): Promise<void> {
  for (const input of inputs) await client.send(new PutMetricDataCommand(input));
}
