// Test oracle: Kibana's kuery grammar (grammar.peggy) transcribed rule for rule
// as a plain backtracking PEG matcher, with Kibana's node building reduced to
// plain objects. It is slow and reports no positions, but it is a second,
// independent reading of the grammar to check the real parser against.
// (Cursor rules are left out: they only apply when Kibana asks for suggestions.)

/** Kibana's node for a literal (`null`/`true`/`false` decoded) or a wildcard pattern. */
export type KibanaValue = { literal: string | boolean | null; quoted?: true } | { wildcard: string };

export type KibanaNode =
  | { fn: 'or' | 'and'; args: KibanaNode[] }
  | { fn: 'not'; arg: KibanaNode }
  | { fn: 'is'; field: KibanaValue; value: KibanaValue }
  | { fn: 'range'; field: KibanaValue; operator: string; value: KibanaValue }
  | { fn: 'nested'; field: KibanaValue; query: KibanaNode };

/** Stands for an unescaped `*` inside a wildcard value. */
export const WILDCARD_MARK = '\u0000*\u0000';

export const MATCH_ALL: KibanaNode = { fn: 'is', field: { wildcard: WILDCARD_MARK }, value: { wildcard: WILDCARD_MARK } };

type Result<T> = { value: T; end: number } | null;
type Partial = (field: KibanaValue) => KibanaNode;

/** Kibana's parse of `text`, or null where Kibana reports a syntax error. */
export function kibanaParse(text: string): KibanaNode | null {
  const at = (p: number): string => text[p] ?? '';
  const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\u00a0';
  const spaces = (p: number): number => {
    while (isSpace(at(p))) p++;
    return p;
  };
  const spaces1 = (p: number): number | null => (isSpace(at(p)) ? spaces(p) : null);
  const word = (p: number, w: string): number | null => (text.slice(p, p + w.length).toLowerCase() === w ? p + w.length : null);

  // Or = Space+ 'or'i Space+ ; And likewise ; Not = 'not'i Space+
  const binaryKeyword = (p: number, w: string): number | null => {
    const a = spaces1(p);
    if (a === null) return null;
    const b = word(a, w);
    return b === null ? null : spaces1(b);
  };
  const orKw = (p: number) => binaryKeyword(p, 'or');
  const andKw = (p: number) => binaryKeyword(p, 'and');
  const notKw = (p: number): number | null => {
    const b = word(p, 'not');
    return b === null ? null : spaces1(b);
  };
  const isKeyword = (p: number): boolean => orKw(p) !== null || andKw(p) !== null || notKw(p) !== null;
  const isSpecial = (c: string): boolean => c !== '' && '\\():<>"*{}'.includes(c);
  const hex = (p: number): string | null => {
    const h = text.slice(p, p + 4);
    return /^[0-9a-f]{4}$/i.test(h) ? String.fromCharCode(parseInt(h, 16)) : null;
  };
  const escapedWhitespace = (p: number): Result<string> => {
    if (at(p) !== '\\') return null;
    const map: Record<string, string> = { t: '\t', r: '\r', n: '\n' };
    return at(p + 1) in map ? { value: map[at(p + 1)], end: p + 2 } : null;
  };
  const escapedUnicode = (p: number): Result<string> => {
    if (at(p) !== '\\' || at(p + 1) !== 'u') return null;
    const c = hex(p + 2);
    return c === null ? null : { value: c, end: p + 6 };
  };

  // QuotedString = '"' QuotedCharacter* '"'
  const quotedString = (p: number): Result<KibanaValue> => {
    if (at(p) !== '"') return null;
    let q = p + 1;
    let chars = '';
    for (;;) {
      const c = escapedWhitespace(q) ?? escapedUnicode(q) ?? (at(q) === '\\' && (at(q + 1) === '\\' || at(q + 1) === '"') ? { value: at(q + 1), end: q + 2 } : null);
      if (c) {
        chars += c.value;
        q = c.end;
      } else if (q < text.length && at(q) !== '"') {
        chars += at(q);
        q++;
      } else break;
    }
    if (at(q) !== '"') return null;
    return { value: { literal: chars, quoted: true }, end: q + 1 };
  };

  // UnquotedLiteral = UnquotedCharacter+
  const unquotedLiteral = (p: number): Result<KibanaValue> => {
    const chars: string[] = [];
    let q = p;
    for (;;) {
      let c: Result<string> = escapedWhitespace(q);
      if (!c && at(q) === '\\' && isSpecial(at(q + 1))) c = { value: at(q + 1), end: q + 2 };
      if (!c) c = escapedUnicode(q);
      if (!c && at(q) === '\\') {
        for (const w of ['or', 'and', 'not']) {
          const e = word(q + 1, w);
          if (e !== null) {
            c = { value: text.slice(q + 1, e), end: e };
            break;
          }
        }
      }
      if (!c && at(q) === '*') c = { value: WILDCARD_MARK, end: q + 1 };
      if (!c && q < text.length && !isSpecial(at(q)) && !isKeyword(q)) c = { value: at(q), end: q + 1 };
      if (!c) break;
      chars.push(c.value);
      q = c.end;
    }
    if (chars.length === 0) return null;
    const sequence = chars.join('').trim();
    if (sequence === 'null') return { value: { literal: null }, end: q };
    if (sequence === 'true') return { value: { literal: true }, end: q };
    if (sequence === 'false') return { value: { literal: false }, end: q };
    if (chars.includes(WILDCARD_MARK)) return { value: { wildcard: sequence }, end: q };
    return { value: { literal: sequence }, end: q };
  };

  const literal = (p: number): Result<KibanaValue> => quotedString(p) ?? unquotedLiteral(p);

  const value = (p: number): Result<Partial> => {
    const v = literal(p);
    return v && { value: (field) => ({ fn: 'is', field, value: v.value }), end: v.end };
  };

  // A head followed by one or more (keyword, operand), or the head alone.
  const binary = <T>(p: number, operand: (p: number) => Result<T>, keyword: (p: number) => number | null, build: (items: T[]) => T): Result<T> => {
    const head = operand(p);
    if (!head) return null;
    const items = [head.value];
    let end = head.end;
    for (;;) {
      const k = keyword(end);
      const next = k === null ? null : operand(k);
      if (!next) break;
      items.push(next.value);
      end = next.end;
    }
    return { value: items.length === 1 ? head.value : build(items), end };
  };

  const listOfValues = (p: number): Result<Partial> => {
    if (at(p) === '(') {
      const inner = orListOfValues(spaces(p + 1));
      if (inner) {
        const close = spaces(inner.end);
        if (at(close) === ')') return { value: inner.value, end: close + 1 };
      }
    }
    return value(p);
  };
  const notListOfValues = (p: number): Result<Partial> => {
    const k = notKw(p);
    if (k !== null) {
      const inner = listOfValues(k);
      if (inner) return { value: (field) => ({ fn: 'not', arg: inner.value(field) }), end: inner.end };
    }
    return listOfValues(p);
  };
  const andListOfValues = (p: number): Result<Partial> =>
    binary(p, notListOfValues, andKw, (items) => (field) => ({ fn: 'and', args: items.map((f) => f(field)) }));
  const orListOfValues = (p: number): Result<Partial> =>
    binary(p, andListOfValues, orKw, (items) => (field) => ({ fn: 'or', args: items.map((f) => f(field)) }));

  const rangeOperator = (p: number): Result<string> => {
    for (const [op, name] of [['<=', 'lte'], ['>=', 'gte'], ['<', 'lt'], ['>', 'gt']]) {
      if (text.startsWith(op, p)) return { value: name, end: p + op.length };
    }
    return null;
  };

  const expression = (p: number): Result<KibanaNode> => {
    const field = literal(p);
    if (field) {
      const op = rangeOperator(spaces(field.end));
      const v = op && literal(spaces(op.end));
      if (op && v) return { value: { fn: 'range', field: field.value, operator: op.value, value: v.value }, end: v.end };
      const colon = spaces(field.end);
      if (at(colon) === ':') {
        const list = listOfValues(spaces(colon + 1));
        if (list) return { value: list.value(field.value), end: list.end };
      }
    }
    const v = value(p);
    return v && { value: v.value({ literal: null }), end: v.end };
  };

  const nestedQuery = (p: number): Result<KibanaNode> => {
    const field = literal(p);
    if (field) {
      const colon = spaces(field.end);
      if (at(colon) === ':') {
        const brace = spaces(colon + 1);
        if (at(brace) === '{') {
          const inner = orQuery(spaces(brace + 1));
          if (inner) {
            const close = spaces(inner.end);
            if (at(close) === '}') return { value: { fn: 'nested', field: field.value, query: inner.value }, end: close + 1 };
          }
        }
      }
    }
    return expression(p);
  };

  const subQuery = (p: number): Result<KibanaNode> => {
    if (at(p) === '(') {
      const inner = orQuery(spaces(p + 1));
      if (inner) {
        const close = spaces(inner.end);
        if (at(close) === ')') return { value: inner.value, end: close + 1 };
      }
    }
    return nestedQuery(p);
  };
  const notQuery = (p: number): Result<KibanaNode> => {
    const k = notKw(p);
    if (k !== null) {
      const inner = subQuery(k);
      if (inner) return { value: { fn: 'not', arg: inner.value }, end: inner.end };
    }
    return subQuery(p);
  };
  const andQuery = (p: number): Result<KibanaNode> => binary(p, notQuery, andKw, (args) => ({ fn: 'and', args }));
  function orQuery(p: number): Result<KibanaNode> {
    return binary(p, andQuery, orKw, (args) => ({ fn: 'or', args }));
  }

  const start = spaces(0);
  const query = orQuery(start);
  const end = spaces(query ? query.end : start);
  if (end !== text.length) return null;
  return query ? query.value : MATCH_ALL;
}
