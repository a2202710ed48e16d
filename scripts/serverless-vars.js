// Values serverless.yml takes from the code, so the deployed stack cannot drift from it:
//   ${file(./scripts/serverless-vars.js):prefilter}
// tsx loads the TypeScript sources directly; nothing needs building first.
const { register } = require('tsx/cjs/api');

module.exports = () => {
  const unregister = register();
  try {
    const { subscriptionFilterPattern, RULE_DEFINITIONS } = require('../lib/rules/index.ts');
    const filters = Object.fromEntries(RULE_DEFINITIONS.map((rule) => [rule.id, { pattern: rule.pattern, metricName: rule.metricName }]));
    return { prefilter: subscriptionFilterPattern(), ...filters };
  } finally {
    unregister();
  }
};
