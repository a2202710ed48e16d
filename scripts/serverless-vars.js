// Values serverless.yml takes from the code, so the deployed stack cannot drift from it:
//   ${file(./scripts/serverless-vars.js):prefilter}
// It also checks every --param with the same rules the function applies at cold start, so a
// bad value fails `serverless package`, `deploy` and `invoke local` before anything runs.
// tsx loads the TypeScript sources directly; nothing needs building first.
const { register } = require('tsx/cjs/api');

/** The params serverless.yml reads, resolved for this stage (CLI value, stage value or default). */
async function resolveParams(resolveVariable, names) {
  const values = {};
  for (const name of names) {
    const value = await resolveVariable(`param:${name}, ""`);
    values[name] = value === undefined || value === null ? '' : String(value);
  }
  return values;
}

/** Names given as `--param name=value` on the command line. */
function givenParams(options) {
  const raw = options.param ?? [];
  return (Array.isArray(raw) ? raw : [raw]).map((p) => String(p).split('=')[0].trim());
}

module.exports = async ({ options, resolveVariable }) => {
  const unregister = register();
  try {
    const { PARAMS, validateParams } = require('../lib/config.ts');
    const { subscriptionFilterPattern, SEED_PACK } = require('../lib/rules/index.ts');
    const { ruleResources } = require('../lib/deploy/resources.ts');
    const { DEFAULT_SUPPRESSIONS_FILE } = require('../lib/suppressions/constants.ts');
    const { loadSuppressionsFile } = require('./suppressions-file.js');
    const values = await resolveParams(resolveVariable, Object.keys(PARAMS));
    validateParams(values, givenParams(options));
    const resources = ruleResources(SEED_PACK.rules, {
      logGroupName: values.logGroupName,
      namespace: values.metricNamespace,
      alarmPeriodSeconds: Number(values.alarmPeriodSeconds),
      alarmEvaluationPeriods: Number(values.alarmEvaluationPeriods),
      alarmThreshold: Number(values.alarmThreshold),
    });
    // Checked like the function's cold start does; esbuild.config.js bundles the result.
    const suppressions = loadSuppressionsFile(
      values.suppressionsFile,
      SEED_PACK.rules.map((rule) => rule.id),
      { required: values.suppressionsFile !== DEFAULT_SUPPRESSIONS_FILE, cwd: require('node:path').join(__dirname, '..') },
    );
    return { prefilter: subscriptionFilterPattern(SEED_PACK.rules), resources, suppressions };
  } finally {
    unregister();
  }
};
