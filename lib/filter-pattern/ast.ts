/** One step of a property selector such as `$.a[0].*`. */
export type SelectorSegment =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' };

export interface Selector {
  /** The selector as written, for messages. */
  readonly text: string;
  readonly segments: readonly SelectorSegment[];
  /** True when a segment is `[*]` or `.*`: the selector then names a set of values. */
  readonly hasWildcard: boolean;
}

export const EqualityOperator = { Eq: '=', Ne: '!=' } as const;
export type EqualityOperator = (typeof EqualityOperator)[keyof typeof EqualityOperator];

export const RelationalOperator = { Lt: '<', Le: '<=', Gt: '>', Ge: '>=' } as const;
export type RelationalOperator = (typeof RelationalOperator)[keyof typeof RelationalOperator];

export type ComparisonOperator = EqualityOperator | RelationalOperator;

/** Text with an optional leading and/or trailing `*` wildcard; an interior `*` is literal. */
export interface TextValue {
  readonly kind: 'text';
  readonly core: string;
  readonly leadingWildcard: boolean;
  readonly trailingWildcard: boolean;
}

/** An unquoted number literal such as `-1`, `55.5` or `1e+3`. */
export interface NumberValue {
  readonly kind: 'number';
  readonly value: number;
  /** The literal as written; a JSON string field is compared with this text. */
  readonly raw: string;
}

/** A `%regex%` in AWS's restricted syntax, compiled to a linear-time matcher. */
export interface RegexValue {
  readonly kind: 'regex';
  readonly source: string;
  readonly test: (text: string) => boolean;
}

export type Value = TextValue | NumberValue | RegexValue;

export interface OrNode {
  readonly kind: 'or';
  readonly operands: readonly Node[];
}

export interface AndNode {
  readonly kind: 'and';
  readonly operands: readonly Node[];
}

export interface EqualityNode {
  readonly kind: 'equality';
  readonly selector: Selector;
  readonly operator: EqualityOperator;
  readonly value: Value;
}

export interface RelationalNode {
  readonly kind: 'relational';
  readonly selector: Selector;
  readonly operator: RelationalOperator;
  readonly value: NumberValue;
}

export const IsKeyword = { Null: 'NULL', True: 'TRUE', False: 'FALSE' } as const;
export type IsKeyword = (typeof IsKeyword)[keyof typeof IsKeyword];

export interface IsNode {
  readonly kind: 'is';
  readonly selector: Selector;
  readonly keyword: IsKeyword;
}

export interface NotExistsNode {
  readonly kind: 'notExists';
  readonly selector: Selector;
}

/** The AST of a JSON filter pattern: a union of readonly nodes. */
export type Node = OrNode | AndNode | EqualityNode | RelationalNode | IsNode | NotExistsNode;
