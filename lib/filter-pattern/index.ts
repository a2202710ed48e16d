export type { Node } from './ast';
export { type CompiledFilterPattern, compileFilterPattern, compileValueSelector } from './compile';
export { MAX_PATTERN_LENGTH, patternLength } from './constants';
export { FilterPatternSyntaxError } from './errors';
export { compileMessagePattern, type MessagePattern, PatternKind } from './message';
export { type Requirement, requirementOf, satisfies } from './requirements';
