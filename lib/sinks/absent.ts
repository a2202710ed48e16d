import type { Sink } from './types';

/** Raised when an output's code was left out of the bundle: the deploy's settings and its package disagree. */
export class OutputNotBundledError extends Error {
  static {
    Object.defineProperty(OutputNotBundledError, 'name', { value: 'OutputNotBundledError' });
  }
  override readonly name = 'OutputNotBundledError';
  constructor(readonly output: string) {
    super(`the ${output} output is not in this bundle; package again with the param that turns it on`);
  }
}

/** A stand-in for an output the deploy does not use: it plans nothing, and says so if asked to send. */
function absent<R>(name: string): Sink<R> & { readonly bundled: false } {
  return {
    name,
    bundled: false,
    plan: () => [],
    send: async () => {
      throw new OutputNotBundledError(name);
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
