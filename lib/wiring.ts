import type { Clients } from './aws/clients';
import { type Config, ConfigError } from './config';
import type { HandlerDeps } from './handler';
import { compileRules, isJsonRule, parseUserRules, type Rule, rulesOfPacks } from './rules';
import { enabledOptionalSinks, SINKS } from './sinks';
import { DynamoDBStateStore, MemoryStateStore, type StateStore } from './state';
import { parseSuppressions } from './suppressions';

/** The setting that turns each optional output on. */
const OUTPUT_SETTINGS = { chatbot: 'CHAT_TOPIC_ARN', securityHub: 'SECURITY_HUB', eventBridge: 'EVENT_BUS_NAME' } as const;

/**
 * Everything a handler needs, built once at cold start from the validated config: the
 * rules of the RULE_PACKS, the suppressions (an invalid entry throws SuppressionError here, failing the cold
 * start) and the state store (DynamoDB when STATE_TABLE_NAME is set and DRY_RUN is not).
 */
export function handlerDeps(config: Config, clients: Clients, now: number = Date.now()): HandlerDeps {
  const packRules = rulesOfPacks(config.rulePacks);
  // The user's own rules (an invalid entry throws RuleFileError here, failing the cold start).
  const userRules = parseUserRules(
    config.userRules,
    packRules.map((rule) => rule.id),
    config.metricNamespace,
  );
  const rules: readonly Rule[] = compileRules([...packRules, ...userRules], { namespace: config.metricNamespace });
  const suppressions = parseSuppressions(
    config.suppressions,
    rules.map((rule) => rule.id),
    now,
  );
  // An output turned on in a bundle packaged without it would send nothing: fail the cold start instead.
  for (const name of enabledOptionalSinks(config)) {
    if ((SINKS[name] as { bundled?: boolean }).bundled === false) {
      throw new ConfigError(OUTPUT_SETTINGS[name], 'set', `unset: this bundle was packaged without the ${name} output; package again with its param`);
    }
  }
  const store: StateStore =
    config.stateTableName !== undefined && !config.dryRun ? new DynamoDBStateStore(clients.dynamodb, config.stateTableName) : new MemoryStateStore();
  return { config, rules, clients, store, suppressions };
}

/**
 * For sources that deliver parsed events (EventBridge): a rule whose pattern is not JSON reads
 * the raw log message, which such a source does not have, so the cold start fails.
 * @throws ConfigError naming the rule.
 */
export function requireJsonRules(deps: HandlerDeps, source: string): HandlerDeps {
  const rule = deps.rules.find((r) => !isJsonRule(r));
  if (rule) {
    throw new ConfigError(
      'RULE_PACKS',
      deps.config.rulePacks.join(','),
      `JSON patterns only with source ${source}: rule ${rule.id} has a ${rule.compiled.kind} pattern, which reads the raw log message`,
    );
  }
  return deps;
}
