// Reads and checks a suppressions file at package time (and for the scripts), with the
// same checks the function runs at cold start. Returns the entries as JSON, which
// esbuild.config.js writes into the bundle: the function needs no YAML parser.
const { existsSync, readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const yaml = require('js-yaml');

/**
 * @param {string} path the file (relative to `cwd`); a missing default file means no suppressions.
 * @param {readonly string[]} ruleIds
 * @param {{ required?: boolean, cwd?: string, now?: number }} [options]
 * @returns {string} the checked entries, as JSON ("null" for none)
 */
function loadSuppressionsFile(path, ruleIds, options = {}) {
  const { parseSuppressions, SuppressionError } = require('../lib/suppressions/index.ts');
  const file = resolve(options.cwd ?? process.cwd(), path);
  if (!existsSync(file)) {
    if (options.required) throw new SuppressionError('file', undefined, `${path} does not exist`);
    return 'null';
  }
  let document;
  try {
    document = yaml.load(readFileSync(file, 'utf8'), { filename: path, schema: yaml.JSON_SCHEMA });
  } catch (error) {
    const mark = error.mark;
    throw new SuppressionError(`file ${path}`, mark ? `line ${mark.line + 1}` : undefined, error.reason ?? error.message, mark ? mark.column + 1 : undefined, {
      cause: error,
    });
  }
  try {
    parseSuppressions(document, ruleIds, options.now ?? Date.now());
  } catch (error) {
    if (error instanceof SuppressionError) error.message = `${path}: ${error.message}`;
    throw error;
  }
  return JSON.stringify(document ?? null);
}

module.exports = { loadSuppressionsFile };
