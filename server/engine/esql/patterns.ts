// LIKE and RLIKE patterns compiled once into string predicates. Both match the
// whole value. LIKE: `*` any run, `?` one character, `\` escapes. RLIKE: Lucene's
// regular-expression syntax (no anchors, `.` matches any character including a
// newline, `@` any string, `#` nothing, `"..."` literal text, `<1-10>` a number range).

export type StringPredicate = (value: string) => boolean;

/** Thrown for a pattern that cannot be compiled. */
export class PatternError extends Error {}

/** Characters JavaScript's `u`-mode regular expressions allow (and require) escaping. */
const REGEX_SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);

function literal(char: string): string {
  return REGEX_SYNTAX.has(char) ? `\\${char}` : char;
}

export function compileLike(pattern: string): StringPredicate {
  // Split into literal text and wildcards, resolving escapes.
  const parts: (string | '*' | '?')[] = [];
  let text = '';
  let plain = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      text += pattern[++i];
    } else if (c === '*' || c === '?') {
      if (text !== '') parts.push(text);
      text = '';
      parts.push(c);
      if (c === '?') plain = false;
    } else text += c;
  }
  if (text !== '') parts.push(text);
  if (plain) {
    const stars = parts.filter((p) => p === '*').length;
    const words = parts.filter((p) => p !== '*') as string[];
    if (stars === 0) {
      const exact = words[0] ?? '';
      return (value) => value === exact;
    }
    if (words.length === 0) return () => true;
    if (words.length === 1) {
      const word = words[0]!;
      const leading = parts[0] === '*';
      const trailing = parts[parts.length - 1] === '*';
      if (leading && trailing) return (value) => value.includes(word);
      if (trailing) return (value) => value.startsWith(word);
      if (leading) return (value) => value.endsWith(word);
    }
  }
  let source = '';
  for (const part of parts) {
    if (part === '*') source += '[^]*';
    else if (part === '?') source += '.';
    else source += Array.from(part, literal).join('');
  }
  const regex = new RegExp(`^(?:${source})$`, 'su');
  return (value) => regex.test(value);
}

export function compileRlike(pattern: string): StringPredicate {
  const regex = new RegExp(`^(?:${translateLuceneRegex(pattern)})$`, 'su');
  return (value) => regex.test(value);
}

/**
 * Lucene RegExp syntax → a JavaScript regular expression body, following Lucene's
 * grammar: union `|` binds loosest, then intersection `&`, concatenation, repetition;
 * a character that starts no construct (even `|` or `)` where an operand is due) is literal.
 */
function translateLuceneRegex(pattern: string): string {
  const chars = Array.from(pattern);
  let i = 0;
  let groups = 0;
  const more = () => i < chars.length;
  const peek = (set: string) => more() && set.includes(chars[i]!);
  const match = (c: string) => {
    if (chars[i] !== c) return false;
    i++;
    return true;
  };

  const parseUnion = (): string => {
    const first = parseIntersection();
    if (!match('|')) return first;
    return `(?:${first}|${parseUnion()})`;
  };

  // X&Y: the same text matches both. X's match is followed by "the rest" to the end;
  // Y must be followed by exactly that rest (the whole pattern is anchored).
  const parseIntersection = (): string => {
    const first = parseConcatenation();
    if (!match('&')) return first;
    const second = parseIntersection();
    const rest = `r${groups++}`;
    return `(?:(?=(?:${first})(?<${rest}>[^]*)$)(?:${second})(?=\\k<${rest}>$))`;
  };

  const parseConcatenation = (): string => {
    let out = parseRepeat();
    while (more() && !peek(')|&')) out += parseRepeat();
    return out;
  };

  const parseRepeat = (): string => {
    let atom = parseComplement();
    while (peek('?*+{')) {
      const c = chars[i++]!;
      if (c !== '{') {
        atom = `(?:${atom})${c}`;
        continue;
      }
      const close = chars.indexOf('}', i);
      const body = close < 0 ? '' : chars.slice(i, close).join('');
      if (!/^\d+(,\d*)?$/.test(body)) throw new PatternError(`invalid repetition at ${i}`);
      i = close + 1;
      atom = `(?:${atom}){${body}}`;
    }
    return atom;
  };

  const parseComplement = (): string => {
    if (peek('~')) throw new PatternError('complement (`~`) is not supported by the local engine');
    return match('[') ? parseClass() : parseSimple();
  };

  const parseSimple = (): string => {
    if (match('.')) return '[^]';
    if (match('#')) return '(?!)';
    if (match('@')) return '[^]*';
    if (match('"')) {
      const close = chars.indexOf('"', i);
      if (close < 0) throw new PatternError('unclosed string');
      const text = chars.slice(i, close).map(literal).join('');
      i = close + 1;
      return `(?:${text})`;
    }
    if (match('(')) {
      if (match(')')) return '(?:)';
      const inner = parseUnion();
      if (!match(')')) throw new PatternError('unclosed group');
      return `(?:${inner})`;
    }
    if (match('<')) {
      const close = chars.indexOf('>', i);
      const body = close < 0 ? '' : chars.slice(i, close).join('');
      const m = /^(\d+)-(\d+)$/.exec(body);
      if (!m) throw new PatternError('invalid numeric interval');
      i = close + 1;
      return numericInterval(m[1]!, m[2]!);
    }
    return parseCharacter();
  };

  const parseCharacter = (): string => {
    if (!more()) throw new PatternError('unexpected end of pattern');
    if (match('\\')) {
      if (!more()) throw new PatternError('pattern ends with `\\`');
      const next = chars[i++]!;
      return 'dDsSwW'.includes(next) ? `\\${next}` : literal(next);
    }
    return literal(chars[i++]!);
  };

  const parseClass = (): string => {
    let out = '[';
    if (match('^')) out += '^';
    let first = true;
    while (more() && (chars[i] !== ']' || first)) {
      first = false;
      let c = chars[i++]!;
      if (c === '\\') {
        c = chars[i++] ?? '\\';
        if ('dDsSwW'.includes(c)) {
          out += `\\${c}`;
          continue;
        }
      }
      if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
        i++;
        let to = chars[i++]!;
        if (to === '\\') to = chars[i++] ?? '\\';
        out += `${classChar(c)}-${classChar(to)}`;
      } else out += classChar(c);
    }
    if (!match(']')) throw new PatternError('unclosed character class');
    return `${out}]`;
  };

  // An empty pattern matches the empty string.
  if (!more()) return '';
  const body = parseUnion();
  if (more()) throw new PatternError(`unexpected \`${chars[i]}\``);
  return body;
}

function classChar(c: string): string {
  return c === '\\' || c === ']' || c === '[' || c === '^' || c === '-' ? `\\${c}` : c;
}

/** `<from-to>`: decimal numbers in the range, with optional leading zeros as Lucene allows. */
function numericInterval(from: string, to: string): string {
  const low = Number(from);
  const high = Number(to);
  if (high - low > 100_000) throw new PatternError('numeric interval too large for the local engine');
  const values: string[] = [];
  for (let n = Math.min(low, high); n <= Math.max(low, high); n++) values.push(String(n));
  return `0*(?:${values.join('|')})`;
}
