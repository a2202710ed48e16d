import { createReadStream } from 'node:fs';
import { compileMetricFilter, FilterPatternSyntaxError, MetricValueError } from '../lib/filter-pattern';
import { readFileRecords } from '../lib/sources/files';
import type { Output } from './output';

/** Exit codes, as documented: 0 a message matched, 1 none did, 2 an error (syntax, unreadable input). */
export const TestPatternExit = { Matched: 0, NoMatch: 1, Error: 2 } as const;

export interface TestPatternOptions {
  readonly value: string;
  readonly default?: string;
  readonly json?: boolean;
}

/** The pattern with a caret under the column, and the reason: what a syntax error prints. */
export function caretReport(error: FilterPatternSyntaxError): string {
  const pad = ' '.repeat(Math.max(0, error.column - 1));
  return `${error.pattern}\n${pad}^\n${error.reason} (column ${error.column})\n`;
}

/**
 * `trailwatch test-pattern`: an offline TestMetricFilter. Every message of the inputs (a line,
 * or each record of a CloudTrail file, JSON Lines, a subscription event or a Logs export) is
 * tested; each match is printed with the value the metric filter would publish.
 */
export async function testPatternCommand(
  pattern: string,
  inputs: readonly string[],
  options: TestPatternOptions,
  out: Output,
  stdin: AsyncIterable<Buffer | string> = process.stdin,
): Promise<number> {
  let filter: ReturnType<typeof compileMetricFilter>;
  const defaultValue = options.default === undefined ? undefined : Number(options.default);
  if (defaultValue !== undefined && !Number.isFinite(defaultValue)) {
    out.stderr(`trailwatch: --default ${JSON.stringify(options.default)}: expected a number\n`);
    return TestPatternExit.Error;
  }
  try {
    filter = compileMetricFilter({ filterPattern: pattern, metricValue: options.value, ...(defaultValue !== undefined ? { defaultValue } : {}) });
  } catch (error) {
    if (error instanceof FilterPatternSyntaxError) {
      out.stderr(caretReport(error));
      return TestPatternExit.Error;
    }
    if (error instanceof MetricValueError) {
      out.stderr(`trailwatch: --value: ${error.message}\n`);
      return TestPatternExit.Error;
    }
    throw error;
  }
  let tested = 0;
  let matched = 0;
  let failed = false;
  const matches: { eventNumber: number; eventMessage: string; value: number | null; source: string }[] = [];
  for (const input of inputs.length === 0 ? ['-'] : inputs) {
    const source = input === '-' ? stdin : createReadStream(input);
    const problems = (problem: { path: string; position?: string; reason: string }) => {
      failed = true;
      out.stderr(`trailwatch: ${problem.path}${problem.position ? ` ${problem.position}` : ''}: ${problem.reason}\n`);
    };
    for await (const records of readFileRecords(input === '-' ? 'stdin' : input, source, problems, { plainLines: true })) {
      for (const record of records) {
        tested++;
        if (!filter.filter.matchesMessage(record.message)) continue;
        matched++;
        const value = filter.valueForMessage(record.message);
        const where = `${input === '-' ? 'stdin' : input} ${record.position}`;
        if (options.json) matches.push({ eventNumber: tested, eventMessage: record.message, value: value ?? null, source: where });
        else out.stdout(`${where}\tvalue ${value === undefined ? '(none)' : value}\t${record.message}\n`);
      }
    }
  }
  const kind = filter.filter.kind;
  if (options.json) out.stdout(`${JSON.stringify({ pattern, kind, tested, matched, matches }, null, 2)}\n`);
  else out.stdout(`${matched} of ${tested} message(s) matched (${kind} pattern)\n`);
  if (failed) return TestPatternExit.Error;
  return matched > 0 ? TestPatternExit.Matched : TestPatternExit.NoMatch;
}
