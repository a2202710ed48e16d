import { existsSync, writeFileSync } from 'node:fs';
import { dump } from 'js-yaml';
import { loadConfig } from '../lib/config';
import { rulesOfPacks } from '../lib/rules';
import { adoptMetricFilters, type ExistingMetricFilter } from '../lib/rules/adopt';
import type { Output } from './output';
import { UsageError } from './replay';

export interface AdoptOptions {
  readonly logGroup: string;
  readonly out: string;
  readonly packs: string;
  readonly severity: string;
  readonly alert?: boolean;
  readonly force?: boolean;
  readonly region?: string;
  readonly profile?: string;
}

/** Every metric filter of a log group (DescribeMetricFilters, every page). */
export async function describeMetricFilters(logGroupName: string, options: Pick<AdoptOptions, 'region' | 'profile'>): Promise<ExistingMetricFilter[]> {
  const { CloudWatchLogsClient, paginateDescribeMetricFilters } = await import('@aws-sdk/client-cloudwatch-logs');
  const client = new CloudWatchLogsClient({ ...(options.region ? { region: options.region } : {}), ...(options.profile ? { profile: options.profile } : {}) });
  const filters: ExistingMetricFilter[] = [];
  for await (const page of paginateDescribeMetricFilters({ client }, { logGroupName })) filters.push(...(page.metricFilters ?? []));
  client.destroy();
  return filters;
}

/** `trailwatch adopt`: the log group's metric filters as a rules.yml that counts exactly the same. */
export async function adoptCommand(options: AdoptOptions, out: Output, describe = describeMetricFilters): Promise<number> {
  if (existsSync(options.out) && !options.force) throw new UsageError(`${options.out} exists; choose another --out or pass --force to replace it`);
  const packIds = rulesOfPacks(loadConfig({ DRY_RUN: 'true', RULE_PACKS: options.packs }).rulePacks).map((rule) => rule.id);
  const filters = await describe(options.logGroup, options);
  const adoption = adoptMetricFilters(filters, packIds, { severity: options.severity, alert: options.alert === true });
  const header = [
    `# Adopted by \`trailwatch adopt --log-group ${options.logGroup}\` on ${new Date().toISOString().slice(0, 10)}.`,
    '# Each entry counts exactly what the metric filter of the same name counted.',
    '',
  ].join('\n');
  writeFileSync(options.out, header + (adoption.rules.length > 0 ? dump(adoption.rules, { lineWidth: -1, quotingType: "'" }) : '[]\n'));
  const lines = [`Adopted ${adoption.rules.length} metric filter transformation(s) of ${filters.length} filter(s) on ${options.logGroup} into ${options.out}.`];
  if (adoption.leftOut.length > 0) {
    lines.push('', 'Left out (trailwatch cannot count them exactly; keep them as they are):');
    for (const { filterName, reason } of adoption.leftOut) lines.push(`  - ${filterName}: ${reason}`);
  }
  if (adoption.rules.length > 0) {
    const deletes = adoption.adoptedFilterNames.map(
      (name) => `     aws logs delete-metric-filter --log-group-name ${shellQuote(options.logGroup)} --filter-name ${shellQuote(name)}`,
    );
    lines.push(
      '',
      'So that nothing is counted twice, the adopted filters must stop counting once trailwatch does. Either:',
      '  a) trailwatch publishes the metrics: deploy, then delete the old filters',
      `     npx serverless deploy --param rulesFile=${options.out} --param logGroupName=${options.logGroup}`,
      ...deletes,
      '  b) native mode: the stack deploys the same filters itself and the function only alerts; delete the old filters first',
      ...deletes,
      `     npx serverless deploy --param rulesFile=${options.out} --param logGroupName=${options.logGroup} --param nativeMetricFilters=true`,
      '',
      `Check first: npx trailwatch replay <exported CloudTrail> --rules ${options.out}`,
    );
  }
  out.stdout(`${lines.join('\n')}\n`);
  return 0;
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
