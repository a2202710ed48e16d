// The handler's esbuild options, shared by serverless-esbuild (serverless.yml) and
// `npm run bench`, so the benchmark measures the bundle exactly as it ships.
const path = require('node:path');

/** The SDK modules only some deploys use (lib/aws/sdk-*.ts), by the name bundledSdks() gives them. */
const OPTIONAL_SDKS = ['securityhub', 'eventbridge'];

/**
 * Bundles an empty module (lib/aws/sdk-absent.ts) in place of each optional SDK module the
 * deploy does not use, so that its client is not shipped at all: the default deploy's
 * bundle is the same as before those outputs existed.
 */
function optionalSdks(bundled) {
  return {
    name: 'trailwatch-optional-sdks',
    setup(build) {
      build.onResolve({ filter: /^\.\/sdk-(securityhub|eventbridge)$/ }, (args) => {
        const name = args.path.slice('./sdk-'.length);
        return bundled.includes(name) ? undefined : { path: path.join(__dirname, 'lib', 'aws', 'sdk-absent.ts') };
      });
    },
  };
}

/** Options for esbuild itself; `sdks`: the optional SDKs to bundle (none by default, as the default deploy). */
const esbuildOptions = (sdks = []) => ({
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
  plugins: [optionalSdks(sdks)],
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
  // Array.isArray: a function called by tests or the bench with the SDKs to bundle.
  if (Array.isArray(serverless)) return esbuildOptions(serverless);
  // The suppressions and the user's rules, checked by scripts/serverless-vars.js, go into the
  // bundle as constants in place of process.env.TRAILWATCH_SUPPRESSIONS and TRAILWATCH_RULES (lib/config.ts).
  const suppressions = serverless.service.custom?.rules?.suppressions ?? 'null';
  const userRules = serverless.service.custom?.rules?.userRules ?? 'null';
  const options = esbuildOptions(serverless.service.custom?.rules?.bundledSdks ?? []);
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
module.exports.OPTIONAL_SDKS = OPTIONAL_SDKS;
