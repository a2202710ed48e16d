import { NotBundledError } from '../aws/clients';
import type { Sink } from './types';

/** A stand-in for an output the deploy does not use: it plans nothing, and says so if asked to send. */
function absent<R>(name: string): Sink<R> & { readonly bundled: false } {
  return {
    name,
    bundled: false,
    plan: () => [],
    send: async () => {
      throw new NotBundledError(`the ${name} output`);
    },
  };
}

/**
 * What esbuild.config.js bundles in place of lib/sinks/chatbot, security-hub and eventbridge
 * when the deploy does not use them, so that their code is not shipped either.
 */
export const chatbotSink = absent<never>('chatbot');
export const securityHubSink = absent<never>('securityHub');
export const eventBridgeSink = absent<never>('eventBridge');
