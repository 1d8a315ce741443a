// What PyYAML's `yaml.safe_dump(data, default_flow_style=False, sort_keys=False)` writes
// for nested mappings, lists and strings: block style, empty collections as `{}` / `[]`,
// the scalar style PyYAML would choose (plain, single- or double-quoted) and its folding
// of long scalars at 80 columns. Upstream writes `hunting/index.yml` this way.

export type YamlValue = string | readonly YamlValue[] | ReadonlyMap<string, YamlValue>;

const BEST_WIDTH = 80;
const BEST_INDENT = 2;
const LINE_BREAKS = '\n\x85\u2028\u2029';
const WHITESPACE = '\0 \t\r\n\x85\u2028\u2029';

/** The YAML document for a mapping at the root, ending with a newline. */
export function pyyamlDump(root: ReadonlyMap<string, YamlValue>): string {
  const writer = new Writer();
  writer.node(root, { mapping: false, simpleKey: false });
  writer.writeIndent();
  return writer.text;
}

interface NodeContext {
  /** The node is a key or value of a block mapping. */
  mapping: boolean;
  simpleKey: boolean;
}

class Writer {
  text = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent: number | undefined = undefined;
  private readonly indents: (number | undefined)[] = [];

  node(value: YamlValue, context: NodeContext): void {
    if (typeof value === 'string') this.scalar(value, context);
    else if (Array.isArray(value)) this.sequence(value as readonly YamlValue[], context);
    else this.mapping(value as ReadonlyMap<string, YamlValue>);
  }

  private sequence(items: readonly YamlValue[], context: NodeContext): void {
    if (items.length === 0) return this.emptyCollection('[', ']');
    // A list that is a mapping value sits at its key's indentation.
    this.increaseIndent(false, context.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.indicator('-', true, false, true);
      this.node(item, { mapping: false, simpleKey: false });
    }
    this.indent = this.indents.pop();
  }

  private mapping(entries: ReadonlyMap<string, YamlValue>): void {
    if (entries.size === 0) return this.emptyCollection('{', '}');
    this.increaseIndent(false, false);
    for (const [key, value] of entries) {
      this.writeIndent();
      if (isSimpleKey(key)) {
        this.scalar(key, { mapping: true, simpleKey: true });
        this.indicator(':', false);
      } else {
        this.indicator('?', true, false, true);
        this.scalar(key, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.indicator(':', true, false, true);
      }
      this.node(value, { mapping: true, simpleKey: false });
    }
    this.indent = this.indents.pop();
  }

  private emptyCollection(open: string, close: string): void {
    this.indicator(open, true, true);
    this.indicator(close, false);
  }

  private scalar(value: string, context: NodeContext): void {
    this.increaseIndent(true, false);
    const split = !context.simpleKey;
    const style = chooseStyle(value, analyzeScalar(value), context.simpleKey);
    if (style === 'plain') this.writePlain(value, split);
    else if (style === 'single') this.writeSingleQuoted(value, split);
    else this.writeDoubleQuoted(value, split);
    this.indent = this.indents.pop();
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent === undefined) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private write(data: string): void {
    this.text += data;
    this.column += codePointLength(data);
  }

  private lineBreak(data = '\n'): void {
    this.text += data;
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  private indicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? indicator : ` ${indicator}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  private writePlain(text: string, split: boolean): void {
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    const chars = Array.from(text);
    let spaces = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== ' ') {
          // A single space past the width becomes a line break (plain scalars fold there).
          if (start + 1 === end && this.column > BEST_WIDTH && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else {
            this.write(chars.slice(start, end).join(''));
          }
          start = end;
        }
      } else if (ch === undefined || ch === ' ') {
        this.write(chars.slice(start, end).join(''));
        start = end;
      }
      if (ch !== undefined) spaces = ch === ' ';
    }
  }

  private writeSingleQuoted(text: string, split: boolean): void {
    this.indicator("'", true);
    const chars = Array.from(text);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== chars.length) this.writeIndent();
          else this.write(chars.slice(start, end).join(''));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !LINE_BREAKS.includes(ch)) {
          if (chars[start] === '\n') this.lineBreak();
          for (const lineBreak of chars.slice(start, end)) this.lineBreak(lineBreak);
          this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || ch === ' ' || LINE_BREAKS.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(chars.slice(start, end).join(''));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = LINE_BREAKS.includes(ch);
      }
    }
    this.indicator("'", false);
  }

  private writeDoubleQuoted(text: string, split: boolean): void {
    this.indicator('"', true);
    const chars = Array.from(text);
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !isPrintableAscii(ch)) {
        if (start < end) {
          this.write(chars.slice(start, end).join(''));
          start = end;
        }
        if (ch !== undefined) {
          this.write(doubleQuotedEscape(ch));
          start = end + 1;
        }
      }
      if (end > 0 && end < chars.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        this.write(chars.slice(start, end).join('') + '\\');
        if (start < end) start = end;
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (chars[start] === ' ') this.write('\\');
      }
    }
    this.indicator('"', false);
  }
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\x08': 'b',
  '\t': 't',
  '\n': 'n',
  '\x0B': 'v',
  '\x0C': 'f',
  '\r': 'r',
  '\x1B': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xA0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

function doubleQuotedEscape(ch: string): string {
  if (ESCAPES[ch] !== undefined) return `\\${ESCAPES[ch]}`;
  const code = ch.codePointAt(0)!;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

function hex(code: number, digits: number): string {
  return code.toString(16).toUpperCase().padStart(digits, '0');
}

function isPrintableAscii(ch: string): boolean {
  return ch >= '\x20' && ch <= '\x7E';
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

interface ScalarAnalysis {
  empty: boolean;
  multiline: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
}

/** PyYAML's `analyze_scalar`, for block context and `allow_unicode=False`. */
function analyzeScalar(scalar: string): ScalarAnalysis {
  if (scalar === '') return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true };
  const chars = Array.from(scalar);
  let blockIndicators = scalar.startsWith('---') || scalar.startsWith('...');
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let followedByWhitespace = chars.length === 1 || WHITESPACE.includes(chars[1]);
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((ch, index) => {
    if (index === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true;
      if (ch === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (LINE_BREAKS.includes(ch)) lineBreaks = true;
    // Without allow_unicode, anything outside printable ASCII forces double quotes.
    if (!(ch === '\n' || isPrintableAscii(ch))) specialCharacters = true;
    if (ch === ' ') {
      if (index === 0) leadingSpace = true;
      if (index === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (LINE_BREAKS.includes(ch)) {
      if (index === 0) leadingBreak = true;
      if (index === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = WHITESPACE.includes(ch);
    followedByWhitespace = index + 2 >= chars.length || WHITESPACE.includes(chars[index + 2]);
  });
  let allowBlockPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || specialCharacters) allowBlockPlain = allowSingleQuoted = false;
  if (lineBreaks || blockIndicators) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted };
}

type ScalarStyle = 'plain' | 'single' | 'double';

function chooseStyle(value: string, analysis: ScalarAnalysis, simpleKey: boolean): ScalarStyle {
  const keyForbidsPlain = simpleKey && (analysis.empty || analysis.multiline);
  if (resolvesToString(value) && !keyForbidsPlain && analysis.allowBlockPlain) return 'plain';
  if (analysis.allowSingleQuoted && !(simpleKey && analysis.multiline)) return 'single';
  return 'double';
}

function isSimpleKey(key: string): boolean {
  const analysis = analyzeScalar(key);
  return codePointLength(key) < 128 && !analysis.empty && !analysis.multiline;
}

// YAML 1.1 implicit types PyYAML's resolver recognises in plain scalars; a string that
// would read back as one of them must be quoted. (Python's `$` also matches before a final newline.)
const IMPLICIT_TYPES = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\n?$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\n?$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\n?$/,
  /^(?:<<)\n?$/,
  /^(?:~|null|Null|NULL|)\n?$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\n?$/,
  /^(?:=)\n?$/,
];

function resolvesToString(value: string): boolean {
  return !IMPLICIT_TYPES.some((pattern) => pattern.test(value));
}
