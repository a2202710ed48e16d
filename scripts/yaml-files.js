// Reads and checks the reviewed YAML files at package time (and for the scripts): the
// suppressions and the user's own rules, with the same checks the function runs at cold
// start. Each returns the entries as JSON, which esbuild.config.js writes into the bundle:
// the function needs no YAML parser.
const { existsSync, readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const yaml = require('js-yaml');

/**
 * @param {string} path the file (relative to `cwd`); a missing default file means no suppressions.
 * @param {readonly string[]} ruleIds
 * @param {{ required?: boolean, cwd?: string, now?: number }} [options]
 * @returns {string} the checked entries, as JSON ("null" for none)
 */
/** The parsed YAML of a file, or undefined when an optional file is missing; a YAML error names its line and column. */
function readYaml(path, options, FileError) {
  const file = resolve(options.cwd ?? process.cwd(), path);
  if (!existsSync(file)) {
    if (options.required) throw new FileError('file', undefined, `${path} does not exist`);
    return undefined;
  }
  try {
    return yaml.load(readFileSync(file, 'utf8'), { filename: path, schema: yaml.JSON_SCHEMA });
  } catch (error) {
    const mark = error.mark;
    throw new FileError(`file ${path}`, mark ? `line ${mark.line + 1}` : undefined, error.reason ?? error.message, mark ? mark.column + 1 : undefined, {
      cause: error,
    });
  }
}

/** Runs `check`, prefixing the file's path to its error message. */
function inFile(path, check) {
  try {
    return check();
  } catch (error) {
    if (error && typeof error.entry === 'string') error.message = `${path}: ${error.message}`;
    throw error;
  }
}

/**
 * @param {string} path the suppressions file (relative to `cwd`); a missing default file means none.
 * @param {readonly string[]} ruleIds
 * @param {{ required?: boolean, cwd?: string, now?: number }} [options]
 * @returns {string} the checked entries, as JSON ("null" for none)
 */
function loadSuppressionsFile(path, ruleIds, options = {}) {
  const { parseSuppressions, SuppressionError } = require('../lib/suppressions/index.ts');
  const document = readYaml(path, options, SuppressionError);
  if (document === undefined) return 'null';
  inFile(path, () => parseSuppressions(document, ruleIds, options.now ?? Date.now()));
  return JSON.stringify(document ?? null);
}

/**
 * @param {string} path the user's rules file (relative to `cwd`); a missing default file means none.
 * @param {readonly string[]} packRuleIds the ids of the chosen packs' rules
 * @param {string} namespace the metricNamespace param
 * @param {{ required?: boolean, cwd?: string }} [options]
 * @returns {{ json: string, rules: object[] }} the checked entries as JSON ("null" for none), and their rule definitions
 */
function loadRulesFile(path, packRuleIds, namespace, options = {}) {
  const { parseUserRules, RuleFileError } = require('../lib/rules/index.ts');
  const document = readYaml(path, options, RuleFileError);
  if (document === undefined) return { json: 'null', rules: [] };
  const rules = inFile(path, () => parseUserRules(document, packRuleIds, namespace));
  return { json: JSON.stringify(document ?? null), rules };
}

module.exports = { loadRulesFile, loadSuppressionsFile };
