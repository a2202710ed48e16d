// The handler's esbuild options, shared by serverless-esbuild (serverless.yml) and
// `npm run bench`, so the benchmark measures the bundle exactly as it ships.
const path = require('node:path');

module.exports = () => ({
  bundle: true,
  minify: true,
  sourcemap: false,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // The SDK v3 clients' ES-module entry points let esbuild drop unused code.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  // No keepNames: it costs ~22 KB and ~6 ms of cold start, and wraps every function expression.
  // Our error classes set their own constructor name instead (errorType reads "DeliveryError").
  keepNames: false,
  // On Lambda the role's credentials are environment variables: skip the SDK's full chain.
  alias: { '@aws-sdk/credential-provider-node': path.join(__dirname, 'lib', 'aws', 'lambda-credentials.ts') },
});
