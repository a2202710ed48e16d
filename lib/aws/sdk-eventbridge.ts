/** The EventBridge client, in its own chunk: loaded only by a deploy that sends events (EVENT_BUS_NAME). */
export { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
