import type { Plan, Summary } from './pipeline';

/** The subset of Powertools Logger the detector uses. */
export interface Log {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** Stable log messages; each is a key operators can search and alarm on. */
export const LogMessage = {
  Summary: 'trailwatch.summary',
  Requests: 'trailwatch.requests',
  RejectedLogEvent: 'trailwatch.rejected-log-event',
  RuleFailure: 'trailwatch.rule-failure',
  OutOfWindow: 'trailwatch.metric-out-of-window',
  BatchFailed: 'trailwatch.batch-failed',
  SuppressionExpired: 'trailwatch.suppression-expired',
  UndecodableRecord: 'trailwatch.undecodable-record',
} as const;

/** Logs what went wrong inside a batch, without ever logging a record's content. */
export function logProblems(log: Log, plan: Plan): void {
  const { evaluation } = plan;
  for (const rejection of evaluation.rejections) log.warn(LogMessage.RejectedLogEvent, { rejection });
  if (evaluation.rejected > evaluation.rejections.length) {
    log.warn(LogMessage.RejectedLogEvent, { notDetailed: evaluation.rejected - evaluation.rejections.length });
  }
  for (const failure of evaluation.ruleFailures) {
    log.error(LogMessage.RuleFailure, { ruleId: failure.ruleId, logEventId: failure.logEventId, error: failure.error as Error });
  }
  if (plan.decisions.outOfWindow > 0) log.warn(LogMessage.OutOfWindow, { outOfWindow: plan.decisions.outOfWindow });
}

/**
 * The summary as logged at INFO: the request inputs (which quote record fields) are
 * replaced by their counts; LOG_LEVEL=DEBUG logs them in full under `trailwatch.requests`.
 */
export function summaryForLog(summary: Summary): Record<string, unknown> {
  // Requests are counted, not logged: the debug line carries them.
  const sinks = Object.fromEntries(Object.entries(summary.sinks).map(([name, inputs]) => [name, inputs?.length ?? 0]));
  return { ...summary, metrics: summary.metrics.length, messages: summary.messages.length, sinks };
}
