/**
 * What esbuild.config.js bundles in place of an optional SDK module (sdk-securityhub.ts,
 * sdk-eventbridge.ts) when the deploy does not use it: nothing, so its client is not shipped.
 */
export const absent = true;
