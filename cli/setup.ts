import { resolve } from 'node:path';
import { lazyClients } from '../lib/aws/clients';
import { loadConfig } from '../lib/config';
import type { Rule } from '../lib/rules';
import { rulesOfPacks } from '../lib/rules';
import type { Suppression } from '../lib/suppressions';
import { handlerDeps } from '../lib/wiring';

// The package-time readers of rules.yml and suppressions.yml, with the same checks.
const { loadRulesFile, loadSuppressionsFile } = require('../scripts/yaml-files.js') as {
  loadRulesFile(path: string, ids: readonly string[], namespace: string, options?: { required?: boolean; cwd?: string }): { json: string };
  loadSuppressionsFile(path: string, ids: readonly string[], options?: { required?: boolean; cwd?: string }): string;
};

export interface RuleOptions {
  readonly packs: string;
  /** A rules file; the default `rules.yml` may be missing. */
  readonly rules?: string;
  readonly suppressions?: string;
  readonly namespace?: string;
  readonly window?: string;
  readonly cap?: string;
  readonly region?: string;
}

export interface Setup {
  readonly config: ReturnType<typeof loadConfig>;
  readonly rules: readonly Rule[];
  readonly suppressions: readonly Suppression[];
}

/**
 * The function's rules, suppressions and settings, built as its cold start builds them, from
 * the CLI's options instead of the environment: the same checks, the same errors.
 */
export function setup(options: RuleOptions): Setup {
  const namespace = options.namespace ?? 'CloudTrailMetrics';
  // Checks the pack list (ConfigError) before the files that depend on it.
  const packRules = rulesOfPacks(loadConfig({ DRY_RUN: 'true', RULE_PACKS: options.packs }).rulePacks);
  const ids = packRules.map((rule) => rule.id);
  const rules = loadRulesFile(options.rules ?? 'rules.yml', ids, namespace, { required: options.rules !== undefined, cwd: process.cwd() });
  const allIds = [...ids, ...((JSON.parse(rules.json) as { id: string }[] | null) ?? []).map((rule) => rule.id)];
  const suppressions = loadSuppressionsFile(options.suppressions ?? 'suppressions.yml', allIds, {
    required: options.suppressions !== undefined,
    cwd: resolve(process.cwd()),
  });
  const env: Record<string, string> = {
    DRY_RUN: 'true',
    LOG_LEVEL: 'SILENT',
    RULE_PACKS: options.packs,
    METRIC_NAMESPACE: namespace,
    TRAILWATCH_RULES: rules.json,
    TRAILWATCH_SUPPRESSIONS: suppressions,
    ...(options.window !== undefined ? { ALERT_WINDOW_SECONDS: options.window } : {}),
    ...(options.cap !== undefined ? { NOTIFICATION_CAP: options.cap } : {}),
    ...(options.region !== undefined ? { AWS_REGION: options.region } : {}),
  };
  const config = loadConfig(env);
  const deps = handlerDeps(config, lazyClients());
  return { config, rules: deps.rules, suppressions: deps.suppressions?.active ?? [] };
}
