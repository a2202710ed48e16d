import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the bundle (see esbuild.config.js).
 * Lambda always hands its role's credentials to the function as environment variables, and
 * `serverless invoke local` does the same, so the SDK's full provider chain (profiles, SSO,
 * IMDS, web identity and the STS/SSO clients behind them, about 100 KB) is never needed.
 */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
