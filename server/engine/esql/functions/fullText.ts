// Full-text search functions (MATCH, the `:` operator, MATCH_PHRASE, KQL).
// Elasticsearch answers them from the inverted index, so they see every value
// of a multi-valued field and never warn. Locally: keyword (and unmapped, except
// text-like names), numeric, date, ip and boolean fields match by equality (with
// `fuzziness` edits for strings); text fields by analysed tokens (lower-cased
// words; MATCH needs any query word, or all with `operator: AND`; MATCH_PHRASE
// the words in sequence).
import type { Span } from '../../../common/diagnostics.ts';
import type * as A from '../../../esql/ast.ts';
import { constant, memoized, typeError, type Compiled } from '../compiled.ts';
import { coerce, constantArgument } from '../helpers.ts';
import { compileKql } from '../../kql/index.ts';
import { looksLikeText } from '../source.ts';
import { isStringType, type Scalar } from '../types.ts';
import { CompileError } from '../warnings.ts';
import { checkArity, type FunctionCompiler } from './shared.ts';

const WORD = /[\p{L}\p{N}\p{M}_']+/gu;

/** Standard-analyzer-like tokens: words and numbers, lower-cased. */
function analyze(text: string): string[] {
  const tokens: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const token = m[0].replace(/^'+|'+$/g, '');
    if (token !== '') tokens.push(token);
  }
  return tokens;
}

function containsPhrase(tokens: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

interface MatchOptions {
  /** Edits allowed per term (`fuzziness`; `AUTO` scales with the term's length). */
  fuzziness: number | 'auto';
  /** `AND`: every query word must match; `OR` (default): any. */
  all: boolean;
}

function matchOptions(map: A.MapExpression | undefined): MatchOptions {
  const options: MatchOptions = { fuzziness: 0, all: false };
  for (const entry of map?.entries ?? []) {
    const value = entry.value.kind === 'Literal' ? entry.value.value : undefined;
    if (entry.key.value === 'fuzziness') {
      options.fuzziness = typeof value === 'string' && value.toLowerCase().startsWith('auto') ? 'auto' : Number(value) || 0;
    } else if (entry.key.value === 'operator') options.all = String(value).toUpperCase() === 'AND';
  }
  return options;
}

function allowedEdits(term: string, fuzziness: number | 'auto'): number {
  if (fuzziness !== 'auto') return Math.min(2, fuzziness);
  const length = Array.from(term).length;
  return length <= 2 ? 0 : length <= 5 ? 1 : 2;
}

/** Damerau-Levenshtein distance (adjacent transpositions count once), as Lucene's fuzzy queries measure it; stops early past `limit`. */
function withinEdits(a: string, b: string, limit: number): boolean {
  if (a === b) return true;
  if (limit === 0 || Math.abs(a.length - b.length) > limit) return false;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, previous2[j - 2]! + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return false;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]! <= limit;
}

function fullTextPredicate(field: Compiled, fieldName: string | undefined, queryValue: Scalar, span: Span, phrase: boolean, options: MatchOptions): (value: Scalar) => boolean {
  const type = field.type;
  if (type === 'text' || (type === 'unknown' && fieldName !== undefined && looksLikeText(fieldName))) {
    const queryTokens = analyze(String(queryValue));
    if (phrase) return (v) => containsPhrase(analyze(String(v)), queryTokens);
    const termMatches = queryTokens.map((q) => {
      const edits = allowedEdits(q, options.fuzziness);
      return (tokens: string[]) => tokens.some((t) => withinEdits(t, q, edits));
    });
    return options.all ? (v) => termMatches.every((m) => m(analyze(String(v)))) : (v) => termMatches.some((m) => m(analyze(String(v))));
  }
  if (type === 'unknown' || isStringType(type)) {
    const target = String(queryValue);
    const edits = allowedEdits(target, options.fuzziness);
    return (v) => withinEdits(String(v), target, edits);
  }
  const target = coerce(constant('keyword', String(queryValue)), type, span).eval({ src: null, vals: [] });
  return (v) => v === target;
}

export function compileMatch(field: Compiled, query: Compiled, span: Span, fieldNode?: A.Expression, options?: A.MapExpression, phrase = false): Compiled {
  const queryValue = constantArgument(query, span, 'the match query');
  if (queryValue === null || Array.isArray(queryValue)) throw typeError(span, 'the match query must be a single constant value');
  const name = fieldNode?.kind === 'Column' ? fieldNode.name : fieldNode?.kind === 'Cast' && fieldNode.value.kind === 'Column' ? fieldNode.value.name : undefined;
  const matches = fullTextPredicate(field, name, queryValue, span, phrase, matchOptions(options));
  const value = field.eval;
  return memoized({
    type: 'boolean',
    constant: false,
    eval: (row) => {
      const v = value(row);
      if (v === null) return false;
      return Array.isArray(v) ? v.some(matches) : matches(v);
    },
  });
}

function matchFunction(phrase: boolean): FunctionCompiler {
  return (call, args) => {
    checkArity(call, 2, 3);
    const options = call.args[2]?.kind === 'Map' ? call.args[2] : undefined;
    return compileMatch(args[0]!, args[1]!, call.span, call.args[0], options, phrase);
  };
}

/** KQL(query): the KQL evaluator's filter over the row's source event. */
const kql: FunctionCompiler = (call, args, context) => {
  checkArity(call, 1, 2);
  const text = constantArgument(args[0]!, call.args[0]!.span, 'the KQL query');
  if (typeof text !== 'string') throw typeError(call.args[0]!.span, 'KQL needs a constant query string');
  if (!context.source) {
    throw new CompileError(call.span, 'esql-engine-full-text-position', 'KQL can only filter the source events, before commands that change rows (STATS, EVAL, ...)');
  }
  const compiled = compileKql(text, { clock: context.clock });
  if (!compiled.ok) throw new CompileError(call.args[0]!.span, 'esql-engine-invalid-kql', `invalid KQL query: ${compiled.diagnostics[0]?.message ?? ''}`);
  const predicate = compiled.query.prefilter;
  if (!predicate) return constant('boolean', true);
  return { type: 'boolean', constant: false, eval: (row) => (row.src ? predicate(row.src) : false) };
};

export const fullTextFunctions: Record<string, FunctionCompiler> = {
  match: matchFunction(false),
  match_phrase: matchFunction(true),
  kql,
};
