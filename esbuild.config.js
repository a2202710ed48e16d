// The handler's esbuild options, shared by serverless-esbuild (serverless.yml) and
// `npm run bench`, so the benchmark measures the bundle exactly as it ships.
const path = require('node:path');

/**
 * The outputs only some deploys use (lib/deploy/sinks.ts bundledOutputs() names them), and
 * the modules each one needs: its sink (imported by lib/sinks/index.ts) and its SDK client
 * (imported by lib/aws/clients.ts).
 */
const OPTIONAL_OUTPUTS = {
  chatbot: { sink: './chatbot' },
  securityHub: { sink: './security-hub', sdk: './sdk-securityhub' },
  eventBridge: { sink: './eventbridge', sdk: './sdk-eventbridge' },
};

/**
 * Bundles an empty stand-in (lib/sinks/absent.ts, lib/aws/sdk-absent.ts) in place of the
 * sink and SDK modules of each output the deploy does not use, so that neither is shipped:
 * the default deploy's bundle and its cold start are what they were before those outputs.
 */
function optionalOutputs(bundled) {
  const stand = (file) => ({ path: path.join(__dirname, ...file) });
  return {
    name: 'trailwatch-optional-outputs',
    setup(build) {
      build.onResolve({ filter: /^\.\/(chatbot|security-hub|eventbridge|sdk-securityhub|sdk-eventbridge)$/ }, (args) => {
        for (const [name, modules] of Object.entries(OPTIONAL_OUTPUTS)) {
          if (bundled.includes(name)) continue;
          if (modules.sdk === args.path && args.importer.endsWith(path.join('lib', 'aws', 'clients.ts'))) return stand(['lib', 'aws', 'sdk-absent.ts']);
          if (modules.sink === args.path && args.importer.endsWith(path.join('lib', 'sinks', 'index.ts'))) return stand(['lib', 'sinks', 'absent.ts']);
        }
        return undefined;
      });
    },
  };
}

/** Options for esbuild itself; `outputs`: the optional outputs to bundle (none by default, as the default deploy). */
const esbuildOptions = (outputs = []) => ({
  bundle: true,
  minify: true,
  sourcemap: false,
  platform: 'node',
  target: 'node22',
  // ES modules with splitting: the SDK clients sit in chunks behind a dynamic import
  // (lib/aws/clients.ts), so a cold start compiles only the detector's own code. The files
  // keep the .js extension (`serverless invoke local` cannot load .mjs); a package.json
  // beside them says they are ES modules, for Lambda and for Node alike.
  format: 'esm',
  splitting: true,
  // Bundled CommonJS code may still call require() for Node built-ins.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  // The SDK v3 clients' ES-module entry points let esbuild drop unused code.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  // No keepNames: it costs ~22 KB and ~6 ms of cold start, and wraps every function expression.
  // Our error classes set their own constructor name instead (errorType reads "DeliveryError").
  keepNames: false,
  // On Lambda the role's credentials are environment variables: skip the SDK's full chain.
  alias: { '@aws-sdk/credential-provider-node': path.join(__dirname, 'lib', 'aws', 'lambda-credentials.ts') },
  plugins: [optionalOutputs(outputs)],
});

/** Marks an output folder's .js files as ES modules. */
function writeModulePackageJson(outdir) {
  const fs = require('node:fs');
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, 'package.json'), '{"type":"module"}\n');
}

/**
 * For serverless-esbuild's builds: empties the output folder first (the package zips the
 * whole folder, so a chunk or handler left by an earlier build, say of another source, would
 * ship too), and marks the output as ES modules at the end.
 */
const shippedOutputFolder = {
  name: 'trailwatch-shipped-output-folder',
  setup(build) {
    build.onStart(() => {
      if (build.initialOptions.outdir) require('node:fs').rmSync(build.initialOptions.outdir, { recursive: true, force: true });
    });
    build.onEnd((result) => {
      if (result.errors.length === 0 && build.initialOptions.outdir) writeModulePackageJson(build.initialOptions.outdir);
    });
  },
};

/**
 * serverless-esbuild calls this with the Serverless instance: it then also needs its own
 * options. Called with no argument (the benchmark, tests), it returns esbuild's options only.
 */
module.exports = (serverless) => {
  if (serverless === undefined) return esbuildOptions();
  // Array.isArray: called by tests or the bench with the outputs to bundle.
  if (Array.isArray(serverless)) return esbuildOptions(serverless);
  // The suppressions and the user's rules, checked by scripts/serverless-vars.js, go into the
  // bundle as constants in place of process.env.TRAILWATCH_SUPPRESSIONS and TRAILWATCH_RULES (lib/config.ts).
  const suppressions = serverless.service.custom?.rules?.suppressions ?? 'null';
  const userRules = serverless.service.custom?.rules?.userRules ?? 'null';
  const options = esbuildOptions(serverless.service.custom?.rules?.bundledOutputs ?? []);
  return {
    ...options,
    define: { 'process.env.TRAILWATCH_SUPPRESSIONS': JSON.stringify(suppressions), 'process.env.TRAILWATCH_RULES': JSON.stringify(userRules) },
    plugins: [...options.plugins, shippedOutputFolder],
    // Bundle and pin the SDK v3 clients instead of using the runtime's copy.
    exclude: [],
    packager: 'npm',
  };
};
module.exports.writeModulePackageJson = writeModulePackageJson;
module.exports.OPTIONAL_OUTPUTS = Object.keys(OPTIONAL_OUTPUTS);
