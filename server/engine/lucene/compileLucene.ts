// The Lucene query string (Elasticsearch's `query_string`, as Kibana sends it) as a
// filter over events. Clauses combine the way Lucene's classic parser combines them
// with the default `OR` operator: `AND` makes both neighbours required, `+` required,
// `-`/`NOT`/`!` prohibited, the rest optional; a group with required clauses needs all
// of them (optional ones then do not matter), one without needs any optional clause,
// and a group of prohibited clauses alone matches everything else (Elasticsearch adds
// the match-all clause Lucene would lack). Leaf queries follow fieldQueries.ts:
//   field:term / field:"phrase"   exact value        field:te?m*   wildcard
//   field:*  / _exists_:field     exists             field:/re/    regexp
//   field:term~2                  fuzzy              field:[a TO b], field:>=a   range
//   term (no field), *:term       every field        *, *:*        match_all
// An empty query matches every event, as Kibana sends none for it. Boosts only
// change scores and are ignored.
import type { QueryDiagnostic } from '../../common/diagnostics.ts';
import type { CompileResult, EngineOptions } from '../contract.ts';
import { parseLucene } from '../../lucene/parser.ts';
import type { LuceneClause, LuceneSubQuery, LuceneTerm } from '../../lucene/ast.ts';
import {
  ANY_CHAR,
  ANY_STRING,
  allOf,
  anyOf,
  existsQuery,
  fieldQuery,
  isDateTarget,
  isLoneStar,
  isPlainKeyword,
  matchAll,
  filterQuery,
  matchNone,
  rangeTest,
  termTest,
  wildcardTest,
  type EventPredicate,
  type FieldQueryContext,
  type FieldTarget,
  type GlobToken,
  type LeafTest,
} from '../kql/fieldQueries.ts';
import { fuzzyEdits, withinEdits } from './fuzzy.ts';
import { translateLuceneRegex } from './luceneRegex.ts';

export function compileLucene(text: string, options: EngineOptions): CompileResult {
  const { ast, diagnostics } = parseLucene(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  const compiler = new LuceneCompiler({ clock: options.clock, aliases: options.aliases, timestampField: options.timestampField ?? '@timestamp' });
  const predicate = ast.clauses.length === 0 ? matchAll : compiler.clauses(ast.clauses, { kind: 'all' });
  if (compiler.errors.length > 0) return { ok: false, diagnostics: compiler.errors };
  return filterQuery('lucene', predicate, options);
}

type Occur = 'must' | 'should' | 'must_not';

class LuceneCompiler {
  readonly errors: QueryDiagnostic[] = [];

  constructor(private readonly context: FieldQueryContext) {}

  /** A clause list; `target` is the field clauses without their own field search (every field at the top). */
  clauses(clauses: readonly LuceneClause[], target: FieldTarget): EventPredicate {
    const occurs: Occur[] = [];
    const predicates: EventPredicate[] = [];
    clauses.forEach((clause, i) => {
      const conjunction = clause.conjunction?.operator;
      // `a AND b` makes `a` required too, unless it is prohibited.
      if (i > 0 && conjunction === 'and' && occurs[i - 1] !== 'must_not') occurs[i - 1] = 'must';
      const prohibited = clause.modifier?.occur === 'must_not';
      const required = clause.modifier?.occur === 'must' || (conjunction === 'and' && !prohibited);
      occurs.push(prohibited ? 'must_not' : required ? 'must' : 'should');
      predicates.push(this.clause(clause, target));
    });
    const pick = (occur: Occur) => predicates.filter((_, i) => occurs[i] === occur);
    const must = pick('must');
    const should = pick('should');
    const mustNot = pick('must_not');
    const positive = must.length > 0 ? allOf(must) : should.length > 0 ? anyOf(should) : matchAll;
    if (mustNot.length === 0) return positive;
    const excluded = anyOf(mustNot);
    return (event) => positive(event) && !excluded(event);
  }

  private clause(clause: LuceneClause, target: FieldTarget): EventPredicate {
    const name = clause.field?.name;
    if (name === '_exists_') return this.exists(clause.query);
    return this.subQuery(clause.query, name === undefined ? target : fieldTarget(name));
  }

  private exists(query: LuceneSubQuery): EventPredicate {
    if (query.kind !== 'term' && query.kind !== 'phrase') {
      this.unsupported(query.span, '`_exists_:` takes a field name');
      return matchNone;
    }
    return existsQuery(fieldTarget(query.value), this.context);
  }

  private subQuery(query: LuceneSubQuery, target: FieldTarget): EventPredicate {
    switch (query.kind) {
      case 'group':
        return this.clauses(query.clauses, target);
      case 'term':
        return this.term(query, target);
      case 'phrase':
        return fieldQuery(target, this.exact(query.value, target), this.context);
      case 'regex': {
        const translated = translateLuceneRegex(query.pattern);
        if (!translated.ok) {
          const start = query.span.start + 1 + translated.offset;
          this.unsupported({ start, end: Math.min(query.span.end, start + 1) }, translated.message, 'lucene-engine-regex');
          return matchNone;
        }
        const regex = translated.regex;
        return fieldQuery(target, (leaf) => typeof leaf === 'string' && regex.test(leaf), this.context);
      }
      case 'range': {
        const bound = (b: typeof query.lower) => (b === null || b.kind === 'error' ? null : b.value);
        const bounds = { lower: bound(query.lower), upper: bound(query.upper), includeLower: query.includeLower, includeUpper: query.includeUpper };
        return fieldQuery(target, rangeTest(bounds, isDateTarget(target, this.context), this.context), this.context);
      }
      case 'error':
        return matchNone;
    }
  }

  private term(term: LuceneTerm, target: FieldTarget): EventPredicate {
    if (term.wildcard) {
      const pattern = wildcardPattern(term.raw);
      if (isLoneStar(pattern)) return target.kind === 'all' ? matchAll : existsQuery(target, this.context);
      return fieldQuery(target, wildcardTest(pattern), this.context);
    }
    if (term.fuzzy !== null) {
      const edits = fuzzyEdits(term.fuzzy.value, term.value);
      const exact = this.exact(term.value, target);
      const value = term.value;
      return fieldQuery(target, (leaf) => (typeof leaf === 'string' ? withinEdits(leaf, value, edits) : exact(leaf)), this.context);
    }
    return fieldQuery(target, this.exact(term.value, target), this.context);
  }

  private exact(value: string, target: FieldTarget): LeafTest {
    const dateField = isDateTarget(target, this.context);
    if (isPlainKeyword(value, dateField)) return (leaf) => leaf === value;
    return termTest(value, dateField, this.context);
  }

  private unsupported(span: { start: number; end: number }, message: string, code = 'lucene-engine-unsupported'): void {
    this.errors.push({ span, severity: 'error', code, message });
  }
}

/** `*` searches every field; a name with `*` every field it matches. */
function fieldTarget(name: string): FieldTarget {
  if (name === '*') return { kind: 'all' };
  if (!name.includes('*')) return { kind: 'field', name };
  return { kind: 'pattern', pattern: wildcardPattern(name) };
}

/** The wildcard pattern a raw term spells: unescaped `*` and `?` are wildcards, `\x` is `x`. */
function wildcardPattern(raw: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') tokens.push(text);
    text = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const hex = raw.slice(i + 2, i + 6);
      if (raw[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) {
        text += String.fromCharCode(parseInt(hex, 16));
        i += 5;
      } else {
        text += raw[i + 1];
        i++;
      }
    } else if (c === '*' || c === '?') {
      flush();
      const token = c === '*' ? ANY_STRING : ANY_CHAR;
      // `**` is one `*`.
      if (!(token === ANY_STRING && tokens[tokens.length - 1] === ANY_STRING)) tokens.push(token);
    } else {
      text += c;
    }
  }
  flush();
  return tokens;
}
