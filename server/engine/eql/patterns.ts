// String patterns of `:`, `like`, `regex` and their `~` forms, compiled once.
// Wildcards: `*` is any run of characters, `?` exactly one, nothing else is
// special (Elasticsearch turns them into a LIKE pattern with an escape character
// no pattern can contain). Regexes are Lucene's dialect, which Elasticsearch's
// `regexp` query speaks: always anchored, `.` any character, `"..."` literal
// text, `@` any string, `#` nothing, `<n-m>` numeric intervals; translated here
// into an anchored JavaScript RegExp. Complement `~` and intersection `&` have
// no translation and are reported as unsupported.

export class PatternError extends Error {
  constructor(
    message: string,
    readonly unsupported: boolean,
  ) {
    super(message);
  }
}

/** Tests a string; a case-insensitive matcher expects the string already lowercased. */
export type StringTest = (value: string) => boolean;

/** A matcher for one wildcard pattern (`caseInsensitive` lowercases the pattern; the caller lowercases values). */
export function wildcardTest(pattern: string, caseInsensitive: boolean): StringTest {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  if (!/[*?]/.test(p)) return (value) => value === p;
  if (/^\*+$/.test(p)) return () => true;
  if (!p.includes('?')) {
    const parts = p.split('*');
    if (parts.length === 2) {
      const [head, tail] = parts as [string, string];
      if (tail === '') return (value) => value.startsWith(head);
      if (head === '') return (value) => value.endsWith(tail);
      return (value) => value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
    }
    if (parts.length === 3 && parts[0] === '' && parts[2] === '') {
      const middle = parts[1]!;
      return (value) => value.includes(middle);
    }
  }
  let source = '';
  for (const c of p) source += c === '*' ? '.*' : c === '?' ? '.' : escapeForRegExp(c);
  const regex = new RegExp(`^${source}$`, 'su');
  return (value) => regex.test(value);
}

/** Whether a string is a wildcard pattern for `:` (otherwise `:` is a case-insensitive equality). */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** A matcher for one Lucene regex; throws PatternError when it does not parse or cannot be translated. */
export function regexTest(pattern: string, caseInsensitive: boolean): StringTest {
  const source = new LuceneRegexTranslator(pattern, caseInsensitive).translate();
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${source})$`, 'su');
  } catch (error) {
    throw new PatternError(`the regular expression \`${pattern}\` is not valid: ${(error as Error).message}`, false);
  }
  // A case-insensitive regex folds ASCII letters itself, so it is given the value as is.
  return (value) => regex.test(value);
}

const REGEXP_SYNTAX = /[\^$\\.*+?()[\]{}|/]/;

function escapeForRegExp(c: string): string {
  return REGEXP_SYNTAX.test(c) ? `\\${c}` : c;
}

const MAX_INTERVAL_VALUES = 10_000;

/** Recursive descent over Lucene's regex grammar (union, concatenation, repetition, atoms), emitting JavaScript. */
class LuceneRegexTranslator {
  private pos = 0;
  private readonly chars: string[];

  constructor(
    private readonly pattern: string,
    private readonly caseInsensitive: boolean,
  ) {
    this.chars = [...pattern];
  }

  translate(): string {
    const out = this.union();
    if (this.pos < this.chars.length) this.fail(`unexpected \`${this.chars[this.pos]}\``);
    return out;
  }

  private union(): string {
    const branches = [this.intersection()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.intersection());
    }
    return branches.length === 1 ? branches[0]! : branches.map((b) => `(?:${b})`).join('|');
  }

  private intersection(): string {
    const out = this.concatenation();
    if (this.peek() === '&') {
      throw new PatternError(`the regex intersection operator \`&\` in \`${this.pattern}\` is not supported by the local engine`, true);
    }
    return out;
  }

  private concatenation(): string {
    let out = '';
    while (this.pos < this.chars.length && this.peek() !== '|' && this.peek() !== ')' && this.peek() !== '&') out += this.repetition();
    return out;
  }

  private repetition(): string {
    let atom = this.atom();
    for (;;) {
      const c = this.peek();
      if (c === '?' || c === '*' || c === '+') {
        this.pos++;
        atom = `(?:${atom})${c}`;
      } else if (c === '{') {
        this.pos++;
        const min = this.integer();
        let quantifier = `{${min}}`;
        if (this.peek() === ',') {
          this.pos++;
          const max = this.peek() === '}' ? '' : String(this.integer());
          if (max !== '' && Number(max) < min) this.fail(`the repetition {${min},${max}} has its bounds reversed`);
          quantifier = `{${min},${max}}`;
        }
        this.expect('}');
        atom = `(?:${atom})${quantifier}`;
      } else {
        return atom;
      }
    }
  }

  private atom(): string {
    const c = this.next();
    switch (c) {
      case '~':
        throw new PatternError(`the regex complement operator \`~\` in \`${this.pattern}\` is not supported by the local engine`, true);
      case '.':
        return '.';
      case '#':
        return '(?!)';
      case '@':
        return '.*';
      case '"': {
        let literal = '';
        while (this.peek() !== '"') {
          if (this.pos >= this.chars.length) this.fail('a `"` string is not closed');
          literal += this.literal(this.next());
        }
        this.pos++;
        return literal;
      }
      case '(': {
        if (this.peek() === ')') {
          this.pos++;
          return '';
        }
        const inner = this.union();
        this.expect(')');
        return `(?:${inner})`;
      }
      case '[':
        return this.characterClass();
      case '<':
        return this.interval();
      case '\\': {
        if (this.pos >= this.chars.length) this.fail('the pattern ends with a lone `\\`');
        const escaped = this.next();
        return SHORTHAND_CLASSES[escaped] ?? this.literal(escaped);
      }
      case '{':
      case '*':
      case '+':
      case '?':
        this.fail(`\`${c}\` has nothing to repeat`);
    }
    return this.literal(c);
  }

  /** `[...]`, `[^...]` with ranges and escapes. */
  private characterClass(): string {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    let body = '';
    let first = true;
    while (this.peek() !== ']' || first) {
      if (this.pos >= this.chars.length) this.fail('a `[` class is not closed');
      first = false;
      let c = this.next();
      if (c === '\\') {
        if (this.pos >= this.chars.length) this.fail('the pattern ends with a lone `\\`');
        c = this.next();
        const shorthand = CLASS_SHORTHANDS[c];
        if (shorthand) {
          body += shorthand;
          continue;
        }
      }
      if (this.peek() === '-' && this.chars[this.pos + 1] !== undefined && this.chars[this.pos + 1] !== ']') {
        this.pos++;
        let end = this.next();
        if (end === '\\') end = this.next();
        if (end.codePointAt(0)! < c.codePointAt(0)!) this.fail(`the class range ${c}-${end} is reversed`);
        body += this.classRange(c, end);
      } else {
        body += this.classRange(c, c);
      }
    }
    this.pos++;
    return `[${negated ? '^' : ''}${body}]`;
  }

  /** A class range, plus its other-case ASCII letters for a case-insensitive regex. */
  private classRange(start: string, end: string): string {
    const range = start === end ? classChar(start) : `${classChar(start)}-${classChar(end)}`;
    if (!this.caseInsensitive) return range;
    let extra = '';
    for (const [lo, hi, shift] of [
      [65, 90, 32],
      [97, 122, -32],
    ] as const) {
      const from = Math.max(lo, start.codePointAt(0)!);
      const to = Math.min(hi, end.codePointAt(0)!);
      if (from <= to) extra += `${String.fromCharCode(from + shift)}-${String.fromCharCode(to + shift)}`;
    }
    return range + extra;
  }

  /** `<min-max>`: the decimal numbers in the range, zero-padded when both bounds have the same width. */
  private interval(): string {
    let text = '';
    while (this.peek() !== '>') {
      if (this.pos >= this.chars.length) this.fail('a `<` interval is not closed');
      text += this.next();
    }
    this.pos++;
    const m = /^(\d+)-(\d+)$/.exec(text);
    if (!m) this.fail(`\`<${text}>\` is not a numeric interval such as <1-100>`);
    const [, minText, maxText] = m as unknown as [string, string, string];
    const min = Number(minText);
    const max = Number(maxText);
    const low = Math.min(min, max);
    const high = Math.max(min, max);
    if (high - low >= MAX_INTERVAL_VALUES) {
      throw new PatternError(`the regex interval \`<${text}>\` spans more than ${MAX_INTERVAL_VALUES} numbers, which the local engine does not support`, true);
    }
    const width = minText.length === maxText.length ? minText.length : 0;
    const values: string[] = [];
    for (let n = low; n <= high; n++) values.push(width > 0 ? String(n).padStart(width, '0') : String(n));
    return width > 0 ? `(?:${values.join('|')})` : `0*(?:${values.join('|')})`;
  }

  private literal(c: string): string {
    if (this.caseInsensitive && /^[a-zA-Z]$/.test(c)) return `[${c.toLowerCase()}${c.toUpperCase()}]`;
    return escapeForRegExp(c);
  }

  private integer(): number {
    let digits = '';
    while (/^\d$/.test(this.peek() ?? '')) digits += this.next();
    if (digits === '') this.fail('a repetition `{...}` needs a number');
    return Number(digits);
  }

  private expect(c: string): void {
    if (this.peek() !== c) this.fail(`expected \`${c}\``);
    this.pos++;
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }

  private next(): string {
    return this.chars[this.pos++]!;
  }

  private fail(message: string): never {
    throw new PatternError(`the regular expression \`${this.pattern}\` is not valid: ${message}`, false);
  }
}

/** Lucene's predefined classes, as JavaScript (ASCII, like Java's). */
const SHORTHAND_CLASSES: Readonly<Record<string, string>> = {
  d: '[0-9]',
  D: '[^0-9]',
  s: '[ \\t\\n\\x0B\\f\\r]',
  S: '[^ \\t\\n\\x0B\\f\\r]',
  w: '[a-zA-Z0-9_]',
  W: '[^a-zA-Z0-9_]',
};

const CLASS_SHORTHANDS: Readonly<Record<string, string>> = {
  d: '0-9',
  s: ' \\t\\n\\x0B\\f\\r',
  w: 'a-zA-Z0-9_',
};

function classChar(c: string): string {
  return /[\\\]\[^-]/.test(c) ? `\\${c}` : c;
}
