// Reads `hunting/index.yml` back: the block YAML that huntIndexYaml (and upstream's PyYAML)
// writes, i.e. platform → uuid → {name, path, mitre}, with plain, quoted and folded scalars.
// Anything else is reported rather than guessed at.
import type { HuntIndex, HuntIndexEntry } from './huntIndex.ts';
import { universalNewlines } from '../library/hunt.ts';

export type HuntIndexReadResult = { index: HuntIndex } | { error: string; line: number };

interface Line {
  number: number;
  indent: number;
  content: string;
}

class IndexSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function readHuntIndex(text: string): HuntIndexReadResult {
  const lines: Line[] = universalNewlines(text)
    .split('\n')
    .map((raw, i) => ({ number: i + 1, indent: raw.length - raw.trimStart().length, content: raw.trim() }));
  try {
    return { index: new IndexParser(lines).parse() };
  } catch (error) {
    if (error instanceof IndexSyntaxError) return { error: error.message, line: error.line };
    throw error;
  }
}

class IndexParser {
  private position = 0;

  constructor(private readonly lines: Line[]) {}

  parse(): HuntIndex {
    const index: HuntIndex = new Map();
    if (this.peek()?.content === '{}') {
      this.position++;
      if (this.peek() !== undefined) throw new IndexSyntaxError('unexpected text after `{}`', this.peek()!.number);
      return index;
    }
    while (this.peek() !== undefined) {
      const line = this.expectIndent(0);
      const { key: platform, rest } = splitKey(line);
      const entries = new Map<string, HuntIndexEntry>();
      if (rest === '{}') this.position++;
      else {
        this.expectNothingAfterColon(line, rest);
        this.position++;
        while (this.peek()?.indent === 2) {
          const [uuid, entry] = this.entry();
          entries.set(uuid, entry);
        }
      }
      index.set(platform, entries);
    }
    return index;
  }

  private entry(): [string, HuntIndexEntry] {
    const line = this.expectIndent(2);
    const { key: uuid, rest } = splitKey(line);
    this.expectNothingAfterColon(line, rest);
    this.position++;
    const fields = new Map<string, string | string[]>();
    while (this.peek()?.indent === 4) {
      const fieldLine = this.peek()!;
      const { key, rest: value } = splitKey(fieldLine);
      if (fields.has(key)) throw new IndexSyntaxError(`\`${key}\` appears twice in the entry for ${uuid}`, fieldLine.number);
      this.position++;
      if (key === 'mitre') fields.set(key, value === '[]' ? [] : this.sequence(fieldLine, value));
      else if (key === 'name' || key === 'path') fields.set(key, this.scalar(fieldLine, value));
      else throw new IndexSyntaxError(`unexpected field \`${key}\` in the entry for ${uuid}`, fieldLine.number);
    }
    const name = fields.get('name');
    const path = fields.get('path');
    const mitre = fields.get('mitre');
    if (typeof name !== 'string' || typeof path !== 'string' || !Array.isArray(mitre)) {
      throw new IndexSyntaxError(`the entry for ${uuid} needs \`name\`, \`path\` and \`mitre\``, line.number);
    }
    return [uuid, { name, path, mitre }];
  }

  private sequence(fieldLine: Line, rest: string): string[] {
    this.expectNothingAfterColon(fieldLine, rest);
    const items: string[] = [];
    for (let item = this.peek(); item && item.indent >= fieldLine.indent && /^-( |$)/.test(item.content); item = this.peek()) {
      this.position++;
      items.push(this.scalar(item, item.content.slice(1).trimStart()));
    }
    if (items.length === 0) throw new IndexSyntaxError('expected a list of technique ids', fieldLine.number);
    return items;
  }

  /** A scalar starting with `first` on `line` and continued on more deeply indented lines (blank ones included). */
  private scalar(line: Line, first: string): string {
    const parts = [first];
    for (;;) {
      let next = this.position;
      while (next < this.lines.length && this.lines[next].content === '') next++;
      if (next >= this.lines.length || this.lines[next].indent <= line.indent) break;
      for (; this.position <= next; this.position++) parts.push(this.lines[this.position].content);
    }
    return decodeScalar(parts, line.number);
  }

  /** The next line that carries structure, skipping blank and comment lines. */
  private peek(): Line | undefined {
    while (this.position < this.lines.length && (this.lines[this.position].content === '' || this.lines[this.position].content.startsWith('#'))) {
      this.position++;
    }
    return this.lines[this.position];
  }

  private expectIndent(indent: number): Line {
    const line = this.peek()!;
    if (line.indent !== indent) throw new IndexSyntaxError(`expected a key indented by ${indent} spaces`, line.number);
    return line;
  }

  private expectNothingAfterColon(line: Line, rest: string): void {
    if (rest !== '') throw new IndexSyntaxError(`expected only a key on this line, found \`${rest}\` after it`, line.number);
  }
}

/** `key: rest` with a plain or quoted key. */
function splitKey(line: Line): { key: string; rest: string } {
  const { content } = line;
  if (/^-( |$)/.test(content)) throw new IndexSyntaxError('expected `key:`, found a list item', line.number);
  let keyEnd: number;
  if (content.startsWith("'") || content.startsWith('"')) {
    keyEnd = closingQuote(content, line.number) + 1;
    if (content[keyEnd] !== ':') throw new IndexSyntaxError('expected `:` after the quoted key', line.number);
  } else {
    const match = /:( |$)/.exec(content);
    if (!match) throw new IndexSyntaxError('expected `key:`', line.number);
    keyEnd = match.index;
  }
  return { key: decodeScalar([content.slice(0, keyEnd)], line.number), rest: content.slice(keyEnd + 1).trim() };
}

/** Index of the quote closing the scalar that opens `text`. */
function closingQuote(text: string, line: number): number {
  const quote = text[0];
  for (let i = 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (quote === "'" && text[i] === "'" && text[i + 1] === "'") i++;
    else if (text[i] === quote) return i;
  }
  throw new IndexSyntaxError(`unterminated ${quote === '"' ? 'double' : 'single'}-quoted string`, line);
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\x08',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\x0B',
  f: '\x0C',
  r: '\r',
  e: '\x1B',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The value of a scalar written over `parts` (its lines, leading indentation removed), with YAML line folding. */
function decodeScalar(parts: string[], line: number): string {
  const text = parts.join('\n');
  const quote = text[0];
  if (quote !== "'" && quote !== '"') return fold(parts);
  const end = closingQuote(text, line);
  if (text.slice(end + 1).trim() !== '') throw new IndexSyntaxError('unexpected text after the closing quote', line);
  const body = text.slice(1, end);
  if (quote === "'") return fold(body.split('\n')).replaceAll("''", "'");
  // Double quotes: a backslash ending a line escapes the line break (no space is inserted).
  const lines = body.split('\n');
  let out = '';
  let escapedBreak = false;
  let emptyLines = 0;
  lines.forEach((content, index) => {
    const first = index === 0;
    const last = index === lines.length - 1;
    if (!first && !last && content === '') {
      emptyLines++;
      return;
    }
    if (!first) out += escapedBreak || emptyLines > 0 ? '\n'.repeat(emptyLines) : ' ';
    escapedBreak = !last && /(^|[^\\])(\\\\)*\\$/.test(content);
    out += unescape(escapedBreak ? content.slice(0, -1) : content, line);
    emptyLines = 0;
  });
  return out;
}

/** Plain and single-quoted folding: a line break is a space, each empty line a newline. */
function fold(lines: string[]): string {
  let out = '';
  let emptyLines = 0;
  lines.forEach((raw, index) => {
    const first = index === 0;
    const last = index === lines.length - 1;
    const content = last ? raw : raw.trimEnd();
    if (!first && !last && content === '') {
      emptyLines++;
      return;
    }
    if (!first) out += emptyLines > 0 ? '\n'.repeat(emptyLines) : ' ';
    out += content;
    emptyLines = 0;
  });
  return out;
}

function unescape(text: string, line: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') {
      out += text[i];
      continue;
    }
    const code = text[++i];
    const length = HEX_ESCAPE_LENGTHS[code];
    if (length !== undefined) {
      const digits = text.slice(i + 1, i + 1 + length);
      if (!/^[0-9A-Fa-f]+$/.test(digits) || digits.length !== length) throw new IndexSyntaxError(`bad escape \`\\${code}${digits}\``, line);
      out += String.fromCodePoint(parseInt(digits, 16));
      i += length;
    } else if (ESCAPES[code] !== undefined) out += ESCAPES[code];
    else throw new IndexSyntaxError(`unknown escape \`\\${code ?? ''}\``, line);
  }
  return out;
}
