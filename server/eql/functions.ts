// The functions Elasticsearch EQL knows (EqlFunctionRegistry), with their
// arity and whether a `~` (case-insensitive) form exists. Elasticsearch looks
// function names up case-insensitively: `endswith` and `endsWith` are the same.

export interface EqlFunction {
  /** The documented spelling. */
  name: string;
  minArgs: number;
  /** `Infinity` for functions that take any number of trailing arguments. */
  maxArgs: number;
  /** Has a `name~(...)` case-insensitive form. */
  caseInsensitive: boolean;
  signature: string;
  summary: string;
}

export const EQL_FUNCTIONS: readonly EqlFunction[] = [
  { name: 'add', minArgs: 2, maxArgs: 2, caseInsensitive: false, signature: 'add(addend, addend)', summary: 'Sum of two numbers.' },
  {
    name: 'between',
    minArgs: 3,
    maxArgs: 4,
    caseInsensitive: true,
    signature: 'between(source, left, right[, greedy_matching])',
    summary: 'The part of a string between a left and a right text.',
  },
  {
    name: 'cidrMatch',
    minArgs: 2,
    maxArgs: Infinity,
    caseInsensitive: false,
    signature: 'cidrMatch(ip_address, cidr_block[, ...])',
    summary: 'True when an IP address is in one of the CIDR blocks.',
  },
  { name: 'concat', minArgs: 1, maxArgs: Infinity, caseInsensitive: false, signature: 'concat(value[, ...])', summary: 'The values joined into one string.' },
  { name: 'divide', minArgs: 2, maxArgs: 2, caseInsensitive: false, signature: 'divide(dividend, divisor)', summary: 'Quotient of two numbers (integer division for integers).' },
  { name: 'endsWith', minArgs: 2, maxArgs: 2, caseInsensitive: true, signature: 'endsWith(source, substring)', summary: 'True when a string ends with a substring.' },
  {
    name: 'indexOf',
    minArgs: 2,
    maxArgs: 3,
    caseInsensitive: true,
    signature: 'indexOf(source, substring[, start_pos])',
    summary: 'First position of a substring in a string, or null.',
  },
  { name: 'length', minArgs: 1, maxArgs: 1, caseInsensitive: false, signature: 'length(string)', summary: 'Number of characters in a string.' },
  { name: 'modulo', minArgs: 2, maxArgs: 2, caseInsensitive: false, signature: 'modulo(dividend, divisor)', summary: 'Remainder of a division.' },
  { name: 'multiply', minArgs: 2, maxArgs: 2, caseInsensitive: false, signature: 'multiply(factor, factor)', summary: 'Product of two numbers.' },
  { name: 'number', minArgs: 1, maxArgs: 2, caseInsensitive: false, signature: 'number(string[, base_num])', summary: 'A string converted to an integer or float.' },
  { name: 'startsWith', minArgs: 2, maxArgs: 2, caseInsensitive: true, signature: 'startsWith(source, substring)', summary: 'True when a string starts with a substring.' },
  { name: 'string', minArgs: 1, maxArgs: 1, caseInsensitive: false, signature: 'string(value)', summary: 'A value converted to a string.' },
  {
    name: 'stringContains',
    minArgs: 2,
    maxArgs: 2,
    caseInsensitive: true,
    signature: 'stringContains(source, substring)',
    summary: 'True when a string contains a substring.',
  },
  {
    name: 'substring',
    minArgs: 2,
    maxArgs: 3,
    caseInsensitive: false,
    signature: 'substring(source, start_pos[, end_pos])',
    summary: 'The part of a string between two positions.',
  },
  { name: 'subtract', minArgs: 2, maxArgs: 2, caseInsensitive: false, signature: 'subtract(minuend, subtrahend)', summary: 'Difference of two numbers.' },
];

const BY_LOWER_NAME: ReadonlyMap<string, EqlFunction> = new Map(EQL_FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

export function findFunction(name: string): EqlFunction | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

/** Endgame EQL functions Elasticsearch dropped, with what to write instead. */
export const ENDGAME_ONLY_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['wildcard', 'use `:` or `like` with `*` and `?` wildcards'],
  ['match', 'use `regex`'],
  ['matchlite', 'use `regex`'],
  ['arraycontains', 'Elasticsearch EQL has no array functions'],
  ['arraycount', 'Elasticsearch EQL has no array functions'],
  ['arraysearch', 'Elasticsearch EQL has no array functions'],
]);
