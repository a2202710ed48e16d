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
  // Error classes keep their names (errorType in Lambda responses and on-failure records reads
  // "DeliveryError", not "jg"). Measured cost: see README "Performance".
  keepNames: true,
  // On Lambda the role's credentials are environment variables: skip the SDK's full chain.
  alias: { '@aws-sdk/credential-provider-node': path.join(__dirname, 'lib', 'aws', 'lambda-credentials.ts') },
});
