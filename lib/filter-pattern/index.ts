export type { Node } from './ast';
export {
  type CompiledFilterPattern,
  type CompiledMetricFilter,
  compileFilterPattern,
  compileJsonPattern,
  compileMetricFilter,
  compileValueSelector,
  type JsonFilterPattern,
  type MetricFilterDefinition,
  MetricValueError,
  metricValueOf,
  PatternKind,
  patternKind,
  type TextFilterPattern,
} from './compile';
export { MAX_PATTERN_LENGTH, patternLength } from './constants';
export { FilterPatternSyntaxError } from './errors';
export { type Requirement, requirementOf, satisfies } from './requirements';
