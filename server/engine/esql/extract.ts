// DISSECT and GROK: patterns that pull new columns out of a string.
import { GROK_PATTERNS } from './grokPatterns.ts';
import type { EsqlType, Scalar } from './types.ts';

export interface Extraction {
  columns: { name: string; type: EsqlType }[];
  /** The values for each column (several when a name repeats), or undefined when the text does not match. */
  extract(text: string): Scalar[][] | undefined;
}

export class ExtractionPatternError extends Error {}

// ---------------------------------------------------------------- DISSECT

interface DissectKey {
  name: string;
  /** `%{?name}` and `%{}` match text without keeping it. */
  skip: boolean;
  /** `%{+name}`: appended to the earlier value of the same name. */
  append: boolean;
  /** `%{+name/2}`: position among the appended parts. */
  order: number;
  /** `%{name->}`: the delimiter after it may repeat. */
  padded: boolean;
}

export function compileDissect(pattern: string, appendSeparator: string): Extraction {
  const keyPattern = /%\{([^}]*)\}/g;
  const delimiters: string[] = [];
  const keys: DissectKey[] = [];
  let last = 0;
  for (const m of pattern.matchAll(keyPattern)) {
    delimiters.push(pattern.slice(last, m.index));
    keys.push(parseDissectKey(m[1]!));
    last = m.index! + m[0].length;
  }
  const trailing = pattern.slice(last);
  if (keys.length === 0) throw new ExtractionPatternError('Unable to find any keys or delimiters.');
  const names: string[] = [];
  for (const key of keys) if (!key.skip && !names.includes(key.name)) names.push(key.name);
  const leading = delimiters[0]!;
  return {
    columns: names.map((name) => ({ name, type: 'keyword' })),
    extract(text) {
      if (!text.startsWith(leading)) return undefined;
      let position = leading.length;
      const parts = new Map<string, { order: number; index: number; value: string }[]>();
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k]!;
        const delimiter = k + 1 < keys.length ? delimiters[k + 1]! : trailing;
        // The last key without trailing text takes the rest of the input.
        const end = k + 1 === keys.length && delimiter === '' ? text.length : delimiter === '' ? position : text.indexOf(delimiter, position);
        if (end < 0) return undefined;
        const value = text.slice(position, end);
        position = end + delimiter.length;
        if (key.padded && delimiter !== '') while (text.startsWith(delimiter, position)) position += delimiter.length;
        if (key.skip) continue;
        const list = parts.get(key.name) ?? [];
        list.push({ order: key.order, index: k, value });
        parts.set(key.name, list);
      }
      return names.map((name) => {
        const list = parts.get(name) ?? [];
        const appended = keys.some((key) => key.name === name && key.append);
        // Without `+`, a repeated name keeps its last value.
        if (!appended) return list.length === 0 ? [] : [list[list.length - 1]!.value];
        const joined = [...list].sort((a, b) => a.order - b.order || a.index - b.index).map((p) => p.value);
        return [joined.join(appendSeparator)];
      });
    },
  };
}

function parseDissectKey(body: string): DissectKey {
  let text = body;
  const key: DissectKey = { name: '', skip: false, append: false, order: 0, padded: false };
  if (text.endsWith('->')) {
    key.padded = true;
    text = text.slice(0, -2);
  }
  if (text.startsWith('+')) {
    key.append = true;
    text = text.slice(1);
    const slash = text.lastIndexOf('/');
    if (slash >= 0 && /^\d+$/.test(text.slice(slash + 1))) {
      key.order = Number(text.slice(slash + 1));
      text = text.slice(0, slash);
    }
  } else if (text.startsWith('?')) {
    key.skip = true;
    text = text.slice(1);
  } else if (text.startsWith('*') || text.startsWith('&')) {
    throw new ExtractionPatternError('reference keys (%{*name}, %{&name}) are not supported');
  }
  key.name = text;
  if (text === '') key.skip = true;
  return key;
}

// ---------------------------------------------------------------- GROK

const GROK_TYPES: Record<string, EsqlType> = {
  int: 'integer',
  integer: 'integer',
  long: 'long',
  float: 'double',
  double: 'double',
  boolean: 'boolean',
};

interface GrokCapture {
  group: string;
  name: string;
  type: EsqlType;
}

/** The index of the `)` closing the group opened at `open`. */
function closingParen(pattern: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new ExtractionPatternError('unclosed group in grok pattern');
}

/** A regex fragment matching letters in either case (Node's RegExp has no scoped `(?i:...)`). */
function caseInsensitive(fragment: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment[i]!;
    if (c === '\\') {
      out += fragment.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += /[a-z]/i.test(c) ? c.toLowerCase() + c.toUpperCase() : c;
      continue;
    }
    if (c === '[') inClass = true;
    out += /[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
  }
  return out;
}

/**
 * Expands %{NAME:field:type} references into a JavaScript regex with named groups;
 * options written `(?im)` collect in `globalFlags`.
 */
function expandGrok(pattern: string, captures: GrokCapture[], depth = 0, globalFlags = new Set<string>()): string {
  if (depth > 20) throw new ExtractionPatternError('grok patterns nest too deeply');
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      out += pattern.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '%' && pattern[i + 1] === '{') {
      const close = pattern.indexOf('}', i);
      if (close < 0) throw new ExtractionPatternError(`unclosed %{ in grok pattern`);
      const [syntax, semantic, type] = pattern.slice(i + 2, close).split(':') as [string, string?, string?];
      const definition = GROK_PATTERNS[syntax];
      if (definition === undefined) throw new ExtractionPatternError(`Unable to find pattern [${syntax}] in Grok's pattern dictionary`);
      const body = expandGrok(definition, depth === 0 && semantic ? captures : [], depth + 1, globalFlags);
      if (semantic && depth === 0) {
        const group = `g${captures.length}`;
        captures.push({ group, name: semantic, type: GROK_TYPES[type?.toLowerCase() ?? ''] ?? 'keyword' });
        out += `(?<${group}>${body})`;
      } else out += `(?:${body})`;
      i = close + 1;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?' && pattern[i + 2] === '<' && pattern[i + 3] !== '=' && pattern[i + 3] !== '!') {
      const close = pattern.indexOf('>', i);
      const name = pattern.slice(i + 3, close);
      if (depth === 0) {
        const group = `g${captures.length}`;
        captures.push({ group, name, type: 'keyword' });
        out += `(?<${group}>`;
      } else out += '(?:';
      i = close + 1;
      continue;
    }
    // Atomic groups (Oniguruma) have no JavaScript equivalent; a plain group matches the same texts here.
    if (c === '(' && pattern[i + 1] === '?' && pattern[i + 2] === '>') {
      out += '(?:';
      i += 3;
      continue;
    }
    // Inline options: `(?im)` for the whole pattern, `(?i:...)` for a group.
    const options = depth === 0 && c === '(' ? /^\(\?([imsx]+)(\)|:)/.exec(pattern.slice(i)) : null;
    if (options) {
      const flags = options[1]!;
      if (flags.includes('x')) throw new ExtractionPatternError('the extended (x) option is not supported by the local engine');
      if (options[2] === ')') {
        for (const flag of flags) globalFlags.add(flag);
        i += options[0].length;
        continue;
      }
      const close = closingParen(pattern, i);
      const inner = expandGrok(pattern.slice(i + options[0].length, close), captures, depth, globalFlags);
      out += `(?:${flags.includes('i') ? caseInsensitive(inner) : inner})`;
      i = close + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function convertGrokValue(text: string, type: EsqlType): Scalar | undefined {
  switch (type) {
    case 'integer':
    case 'long': {
      const n = Number(text);
      return Number.isFinite(n) ? Math.trunc(n) : undefined;
    }
    case 'double': {
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return text.toLowerCase() === 'true';
    default:
      return text;
  }
}

export function compileGrok(patterns: string[]): Extraction {
  const compiled = patterns.map((pattern) => {
    const captures: GrokCapture[] = [];
    const options = new Set<string>();
    let regex: RegExp;
    try {
      const source = expandGrok(pattern, captures, 0, options);
      // Grok's Oniguruma (Ruby syntax): `^`/`$` match at line breaks, `(?m)` lets `.` match them.
      regex = new RegExp(source, `m${options.has('i') ? 'i' : ''}${options.has('m') || options.has('s') ? 's' : ''}`);
    } catch (error) {
      if (error instanceof ExtractionPatternError) throw error;
      throw new ExtractionPatternError((error as Error).message);
    }
    return { regex, captures };
  });
  const columns: { name: string; type: EsqlType }[] = [];
  for (const { captures } of compiled) {
    for (const capture of captures) if (!columns.some((c) => c.name === capture.name)) columns.push({ name: capture.name, type: capture.type });
  }
  return {
    columns,
    extract(text) {
      for (const { regex, captures } of compiled) {
        const m = regex.exec(text);
        if (!m) continue;
        const values = columns.map((): Scalar[] => []);
        for (const capture of captures) {
          const raw = m.groups?.[capture.group];
          if (raw === undefined) continue;
          const value = convertGrokValue(raw, capture.type);
          if (value !== undefined) values[columns.findIndex((c) => c.name === capture.name)]!.push(value);
        }
        return values;
      }
      return undefined;
    },
  };
}
