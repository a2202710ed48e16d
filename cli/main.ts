import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../lib/config';
import { EntryError } from '../lib/entry-error';
import { adoptCommand } from './adopt';
import { type Output, processOutput } from './output';
import { replayCommand, UsageError } from './replay';
import { TestPatternExit, testPatternCommand } from './test-pattern';

const { version } = require('../package.json') as { version: string };

/** The `trailwatch` command line, writing to `out`; resolves to the exit code. */
export async function run(argv: readonly string[], out: Output = processOutput): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('trailwatch')
    .description('Offline tools around CloudTrail metric filters: replay exported CloudTrail, test patterns, adopt existing filters.')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr })
    .showHelpAfterError('(add --help for usage)');
  const ruleOptions = (command: Command): Command =>
    command
      .option('--packs <ids>', 'rule packs, comma-separated (seed, cis)', 'seed')
      .option('--rules <file>', 'your own rules file (rules.yml is read when present)')
      .option('--suppressions <file>', 'suppressions file (suppressions.yml is read when present)')
      .option('--namespace <name>', 'metric namespace', 'CloudTrailMetrics')
      .option('--window <seconds>', 'ALERT_WINDOW_SECONDS: one alert per rule and principal per window (0: off)')
      .option('--cap <n>', 'NOTIFICATION_CAP: most alerts per batch');

  ruleOptions(
    program
      .command('replay')
      .description("Run the function's rules, suppressions and alert policy over exported CloudTrail, in time order.")
      .argument('<sources...>', 'files or directories, or s3://bucket/prefix')
      .option('--since <time>', 'only records with eventTime at or after this (ISO, e.g. 2026-03-01 or 2026-03-01T09:00Z)')
      .option('--until <time>', 'only records with eventTime before this')
      .option('--json', 'one JSON document: matched (as the handler summary), metrics, alerts, problems')
      .option('--jsonl', 'one JSON line per match, nothing else on stdout')
      .option('--keep-going', 'exit 0 even if a file or record was skipped')
      .option('--concurrency <n>', 'S3 objects downloaded ahead of the one being read', '8')
      .option('--batch-size <n>', 'log events per replayed invocation (the alert cap applies per invocation)')
      .option('--region <region>', 'AWS Region of the bucket')
      .option('--profile <name>', 'AWS profile (shared config and credentials files)'),
  )
    .addHelpText(
      'after',
      `
Reads CloudTrail log files (.json.gz or .json, {"Records": [...]}; CloudTrail-Digest/ and
CloudTrail-Insight/ are skipped), JSON Lines of records, CloudWatch Logs subscription events
(such as events/*.json) and CloudWatch Logs exports (<timestamp> <message> lines, gzip'd).
S3 goes through the AWS SDK (credentials, --profile, --region and AWS_ENDPOINT_URL as usual).

Metrics are never published: PutMetricData refuses datapoints more than two weeks old, so the
per-minute values the metrics would have had are printed instead.

Exit codes: 0 everything was read; 1 a file or record was skipped (see stderr), unless
--keep-going; 2 the command could not run.

Examples:
  $ npx trailwatch replay ./AWSLogs --since 2026-03-01 --until 2026-03-02
  $ npx trailwatch replay s3://my-trail-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/2026/03/01/ --packs seed,cis
  $ npx trailwatch replay events/ --json | jq .matched
  $ npx trailwatch replay export.jsonl --jsonl --window 0 > matches.jsonl`,
    )
    .action(async (sources: string[], options) => {
      code = await replayCommand(sources, options, out);
    });

  program
    .command('test-pattern')
    .description('An offline TestMetricFilter: which messages a filter pattern matches, and the value it would publish.')
    .argument('<pattern>', 'a filter pattern of any kind: JSON, terms, %regex% or space-delimited')
    .argument('[files...]', 'messages, one per line, or CloudTrail files, JSON Lines, subscription events (- or none: stdin)')
    .option('--value <metricValue>', 'the metric value: a number, $.field (JSON) or $name (space-delimited)', '1')
    .option('--default <n>', 'the default value (shown for messages that do not match only with --json)')
    .option('--json', 'one JSON document with every match')
    .addHelpText(
      'after',
      `
Exit codes: 0 at least one message matched; 1 none matched; 2 an error (a syntax error is
printed with a caret under its column).

Examples:
  $ npx trailwatch test-pattern '{ $.userIdentity.type = "Root" }' events/root-console-signin.json
  $ echo '[ERROR 401] UNAUTHORIZED REQUEST' | npx trailwatch test-pattern 'ERROR -ARGUMENTS'
  $ npx trailwatch test-pattern '[ip, ..., status = 4*, bytes]' access.log --value '$bytes'`,
    )
    .action(async (pattern: string, files: string[], options) => {
      code = await testPatternCommand(pattern, files, options, out);
    });

  program
    .command('adopt')
    .description("Write a rules.yml that reproduces a log group's metric filters exactly, and say how to switch without counting twice.")
    .requiredOption('--log-group <name>', 'the log group whose metric filters to adopt')
    .option('--out <file>', 'where to write the rules', 'rules.yml')
    .option('--force', 'replace --out if it exists')
    .option('--packs <ids>', 'the packs you deploy with (their rule ids are reserved)', 'seed')
    .addOption(
      new Option('--severity <level>', 'severity of the adopted rules').choices(['critical', 'high', 'medium', 'low', 'informational']).default('medium'),
    )
    .option('--alert', 'alert on the adopted rules too (by default they only count)')
    .option('--region <region>', 'AWS Region of the log group')
    .option('--profile <name>', 'AWS profile')
    .addHelpText(
      'after',
      `
A filter whose pattern or metric value the engine cannot reproduce exactly, or that has
dimensions or a unit, is listed and left out, never approximated.

Example:
  $ npx trailwatch adopt --log-group aws-cloudtrail-logs-111122223333 --out rules.yml`,
    )
    .action(async (options) => {
      code = await adoptCommand(options, out);
    });

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : TestPatternExit.Error;
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof EntryError) {
      out.stderr(`trailwatch: ${error.message}\n`);
      return TestPatternExit.Error;
    }
    out.stderr(`trailwatch: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return TestPatternExit.Error;
  }
}
