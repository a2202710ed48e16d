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

/** Prints the pre-filter and how much of the bench's record mix it lets through, once per run. */
let reported = false;
function reportPrefilter(packs, prefilter, rules) {
  if (reported || process.env.TRAILWATCH_QUIET_PACKAGE === 'true') return;
  reported = true;
  const { selectivity } = require('../support/selectivity.ts');
  const s = selectivity(prefilter, rules);
  process.stderr.write(
    `trailwatch: subscription pre-filter for ${packs}: ${prefilter.length} characters; lets through ${(s.passed * 100).toFixed(1)}% of the bench's record mix, ` +
      `which the rules match ${(s.matched * 100).toFixed(1)}% of (${s.records} generated records)\n`,
  );
}

module.exports = async ({ options, resolveVariable }) => {
  const unregister = register();
  try {
    const { PARAMS, validateParams } = require('../lib/config.ts');
    const { subscriptionFilterPattern, parsePackIds, rulesOfPacks } = require('../lib/rules/index.ts');
    const { ruleResources } = require('../lib/deploy/resources.ts');
    const { DEFAULT_SUPPRESSIONS_FILE } = require('../lib/suppressions/constants.ts');
    const { loadRulesFile, loadSuppressionsFile } = require('./yaml-files.js');
    const { DEFAULT_RULES_FILE } = require('../lib/rules/user.ts');
    const { patternKind } = require('../lib/filter-pattern/index.ts');
    const values = await resolveParams(resolveVariable, Object.keys(PARAMS));
    validateParams(values, givenParams(options));
    const packRules = rulesOfPacks(parsePackIds(values.rulePacks));
    // The user's own rules, checked as the function's cold start does; esbuild.config.js bundles them.
    const userRules = loadRulesFile(
      values.rulesFile,
      packRules.map((rule) => rule.id),
      values.metricNamespace,
      {
        required: values.rulesFile !== DEFAULT_RULES_FILE,
        cwd: require('node:path').join(__dirname, '..'),
      },
    );
    const rules = [...packRules, ...userRules.rules];
    const resources = ruleResources(rules, {
      logGroupName: values.logGroupName,
      namespace: values.metricNamespace,
      alarmPeriodSeconds: Number(values.alarmPeriodSeconds),
      alarmEvaluationPeriods: Number(values.alarmEvaluationPeriods),
      alarmThreshold: Number(values.alarmThreshold),
    });
    // Checked like the function's cold start does; esbuild.config.js bundles the result.
    const suppressions = loadSuppressionsFile(
      values.suppressionsFile,
      rules.map((rule) => rule.id),
      { required: values.suppressionsFile !== DEFAULT_SUPPRESSIONS_FILE, cwd: require('node:path').join(__dirname, '..') },
    );
    const { sourceFunction, sourceResources } = require('../lib/deploy/sources.ts');
    const prefilter = subscriptionFilterPattern(rules);
    reportPrefilter(values.rulePacks, prefilter, rules);
    const list = (text) =>
      text
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== '');
    const textRule = rules.find((rule) => patternKind(rule.pattern) !== 'json');
    if (textRule && values.source === 'eventbridge') {
      const { ConfigError } = require('../lib/config.ts');
      throw new ConfigError(
        'source',
        values.source,
        `cloudwatch or kinesis: rule ${textRule.id} has a ${patternKind(textRule.pattern)} pattern, which reads the raw log message, and EventBridge carries only the parsed event`,
        'source',
      );
    }
    if ((values.destinationAccounts !== '' || values.destinationOrgId !== '') && values.source !== 'kinesis') {
      const { ConfigError } = require('../lib/config.ts');
      const param = values.destinationOrgId !== '' ? 'destinationOrgId' : 'destinationAccounts';
      throw new ConfigError(param, values[param], 'source=kinesis: other accounts can only send through a Kinesis destination', param);
    }
    const settings = {
      source: values.source,
      logGroupName: values.logGroupName,
      metricNamespaces: [...new Set([values.metricNamespace, ...rules.map((rule) => (rule.ownNamespace ? rule.namespace : values.metricNamespace))])],
      filterPattern: prefilter,
      kinesisShards: Number(values.kinesisShards),
      batchSize: Number(values.batchSize),
      batchWindowSeconds: Number(values.batchWindowSeconds),
      parallelizationFactor: Number(values.parallelizationFactor),
      maximumRetryAttempts: Number(values.maximumRetryAttempts),
      maximumRecordAgeSeconds: Number(values.maximumRecordAgeSeconds),
      destinationAccounts: list(values.destinationAccounts),
      destinationOrgId: values.destinationOrgId,
      sinks: { chatTopic: values.chatTopicArn, securityHub: values.securityHub === 'true', eventBusName: values.eventBusName },
    };
    const source = { function: sourceFunction(settings), ...sourceResources(settings) };
    const { bundledOutputs } = require('../lib/deploy/sinks.ts');
    return { prefilter, resources, suppressions, source, userRules: userRules.json, bundledOutputs: bundledOutputs(settings.sinks) };
  } finally {
    unregister();
  }
};
