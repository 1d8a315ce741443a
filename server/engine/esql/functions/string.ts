// String functions. Positions and lengths count Unicode code points, as ES|QL does.
import { createHash } from 'node:crypto';
import { constant, memoized, site, typeError } from '../compiled.ts';
import { constantArgument, scalarCall } from '../helpers.ts';
import { compileLike, compileRlike } from '../patterns.ts';
import { fromList, type Scalar } from '../types.ts';
import { EvaluationFailure, illegalArgument } from '../warnings.ts';
import { checkArity, integerArg, stringArg, type FunctionCompiler } from './shared.ts';

function codePoints(text: string): string[] {
  return Array.from(text);
}

function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) n++;
    else {
      n++;
      i++;
    }
  }
  return n;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** ES|QL's 1-based start: 0 and 1 both mean the first character, negative counts from the end. */
function startIndex(count: number, start: number): number {
  const index = start > 0 ? start - 1 : start < 0 ? count + start : 0;
  return Math.min(Math.max(0, index), count);
}

const JAVA_TRIM = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const JAVA_LTRIM = /^[\u0000-\u0020]+/;
const JAVA_RTRIM = /[\u0000-\u0020]+$/;

function unaryString(fn: (s: string) => Scalar, returnType: 'keyword' | 'integer' | 'boolean' = 'keyword'): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 1);
    return scalarCall(context, call.span, [stringArg(call, args, 0)], returnType, (s) => fn(s as string));
  };
}

/** Applies `fn` to every value of a string column (these functions accept multi-values); a failing value is dropped with a warning. */
function perValueString(fn: (s: string) => string): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 1, 2);
    const arg = stringArg(call, args, 0);
    if (arg.type === 'null') return constant('keyword', null);
    const inner = arg.eval;
    const warnings = site(context, call.span);
    const one = (s: Scalar): Scalar | undefined => {
      try {
        return fn(s as string);
      } catch (error) {
        if (!(error instanceof EvaluationFailure)) throw error;
        warnings.report(error);
        return undefined;
      }
    };
    return memoized({
      type: arg.type,
      constant: arg.constant,
      eval: (row) => {
        const v = inner(row);
        if (v === null) return null;
        if (!Array.isArray(v)) return one(v) ?? null;
        return fromList(v.map(one).filter((x): x is Scalar => x !== undefined));
      },
    });
  };
}

const concat: FunctionCompiler = (call, args, context) => {
  checkArity(call, 1, Infinity);
  const strings = args.map((_, i) => stringArg(call, args, i));
  return scalarCall(context, call.span, strings, 'keyword', (...values) => (values as string[]).join(''));
};

const substring: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2, 3);
  const parts = [stringArg(call, args, 0), integerArg(call, args, 1)];
  if (args.length === 3) parts.push(integerArg(call, args, 2));
  return scalarCall(context, call.span, parts, 'keyword', (s, start, length) => {
    const chars = codePoints(s as string);
    const from = startIndex(chars.length, start as number);
    if (length !== undefined && (length as number) < 0) throw illegalArgument(`Length parameter cannot be negative, found [${length}]`);
    const to = length === undefined ? chars.length : Math.min(chars.length, from + (length as number));
    return chars.slice(from, to).join('');
  });
};

function side(fromLeft: boolean): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 2);
    return scalarCall(context, call.span, [stringArg(call, args, 0), integerArg(call, args, 1)], 'keyword', (s, n) => {
      const chars = codePoints(s as string);
      const count = Math.max(0, Math.min(chars.length, n as number));
      return fromLeft ? chars.slice(0, count).join('') : chars.slice(chars.length - count).join('');
    });
  };
}

/** Java's replaceAll replacement syntax (`$1`, `\$`) in JavaScript's (`$1`, `$$`). */
function javaReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i]!;
      out += next === '$' ? '$$' : next;
    } else if (c === '$' && replacement[i + 1] === '0') {
      out += '$&';
      i++;
    } else if (c === '$' && replacement[i + 1] === '{') {
      const close = replacement.indexOf('}', i);
      out += `$<${replacement.slice(i + 2, close)}>`;
      i = close;
    } else out += c;
  }
  return out;
}

const regexCache = new Map<string, RegExp>();

/** A Java regular expression as a global JavaScript one; throws a PatternSyntaxException-style failure. */
function javaRegex(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (regex) {
    regex.lastIndex = 0;
    return regex;
  }
  try {
    regex = new RegExp(pattern.replace(/\(\?<([a-zA-Z][a-zA-Z0-9]*)>/g, '(?<$1>'), 'g');
  } catch (error) {
    throw new EvaluationFailure('java.util.regex.PatternSyntaxException', (error as Error).message);
  }
  if (regexCache.size > 1000) regexCache.clear();
  regexCache.set(pattern, regex);
  return regex;
}

const replace: FunctionCompiler = (call, args, context) => {
  checkArity(call, 3);
  return scalarCall(context, call.span, [0, 1, 2].map((i) => stringArg(call, args, i)), 'keyword', (s, pattern, replacement) =>
    (s as string).replace(javaRegex(pattern as string), javaReplacement(replacement as string)),
  );
};

const split: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  return scalarCall(context, call.span, [stringArg(call, args, 0), stringArg(call, args, 1)], 'keyword', (s, delimiter) => {
    const parts = (s as string).split(delimiter as string);
    return parts.length === 1 ? parts[0]! : parts;
  });
};

function stringPredicate(fn: (s: string, t: string) => boolean): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 2);
    return scalarCall(context, call.span, [stringArg(call, args, 0), stringArg(call, args, 1)], 'boolean', (s, t) => fn(s as string, t as string));
  };
}

const locate: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2, 3);
  const parts = [stringArg(call, args, 0), stringArg(call, args, 1)];
  if (args.length === 3) parts.push(integerArg(call, args, 2));
  return scalarCall(context, call.span, parts, 'integer', (s, sub, start) => {
    const text = s as string;
    const from = startIndex(codePointLength(text), (start as number | undefined) ?? 0);
    const offset = codePoints(text).slice(0, from).join('').length;
    const found = text.indexOf(sub as string, offset);
    return found < 0 ? 0 : codePointLength(text.slice(0, found)) + 1;
  });
};

const repeat: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  return scalarCall(context, call.span, [stringArg(call, args, 0), integerArg(call, args, 1)], 'keyword', (s, n) => {
    if ((n as number) < 0) throw illegalArgument(`Number parameter cannot be negative, found [${n}]`);
    if ((s as string).length * (n as number) > 1_048_576) throw illegalArgument('Creating strings longer than [1048576] bytes is not supported');
    return (s as string).repeat(n as number);
  });
};

const space: FunctionCompiler = (call, args, context) => {
  checkArity(call, 1);
  return scalarCall(context, call.span, [integerArg(call, args, 0)], 'keyword', (n) => {
    if ((n as number) < 0) throw illegalArgument(`Number parameter cannot be negative, found [${n}]`);
    if ((n as number) > 1_048_576) throw illegalArgument('Creating strings longer than [1048576] bytes is not supported');
    return ' '.repeat(n as number);
  });
};

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function reverseGraphemes(text: string): string {
  return Array.from(graphemes.segment(text), (s) => s.segment)
    .reverse()
    .join('');
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** java.util.Base64's basic decoder: padding optional, nothing but the alphabet allowed; the bytes must be UTF-8. */
function fromBase64(text: string): string {
  const bad = /[^A-Za-z0-9+/=]/.exec(text);
  if (bad) throw illegalArgument(`Illegal base64 character ${bad[0].charCodeAt(0).toString(16)}`);
  const padding = text.indexOf('=');
  const body = padding < 0 ? text : text.slice(0, padding);
  const rest = body.length % 4;
  if (rest === 1) throw illegalArgument('Last unit does not have enough valid bits');
  if (padding >= 0) {
    const pad = text.slice(padding);
    if (!/^={1,2}$/.test(pad) || rest === 0 || rest + pad.length !== 4) throw illegalArgument('Input byte array has wrong 4-byte ending unit');
  }
  try {
    return STRICT_UTF8.decode(Buffer.from(body, 'base64'));
  } catch {
    throw illegalArgument('decoded value is not valid UTF-8, which is not supported yet');
  }
}

/** Form encoding as URL_ENCODE does it: space → `+`, unreserved `A-Za-z0-9-._~` kept. */
function urlEncodeForm(text: string): string {
  return urlEncodeComponent(text).replace(/%20/g, '+');
}

/** RFC 3986 component encoding (space → `%20`; unreserved `A-Za-z0-9-._~` kept). */
function urlEncodeComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** java.net.URLDecoder. */
function urlDecode(text: string): string {
  const plus = text.replace(/\+/g, ' ');
  const incomplete = /%(?![0-9a-fA-F]{2})/.exec(plus);
  if (incomplete) throw illegalArgument(`URLDecoder: Incomplete trailing escape (%) pattern`);
  try {
    return decodeURIComponent(plus);
  } catch {
    throw illegalArgument('URLDecoder: Illegal hex characters in escape (%) pattern');
  }
}

function hashFunction(algorithm: string): FunctionCompiler {
  return (call, args, context) => {
    checkArity(call, 1);
    return scalarCall(context, call.span, [stringArg(call, args, 0)], 'keyword', (s) => createHash(algorithm).update(s as string, 'utf8').digest('hex'));
  };
}

const hash: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  return scalarCall(context, call.span, [stringArg(call, args, 0), stringArg(call, args, 1)], 'keyword', (algorithm, s) => {
    const name = (algorithm as string).toLowerCase().replace('-', '');
    try {
      return createHash(name).update(s as string, 'utf8').digest('hex');
    } catch {
      throw new EvaluationFailure('java.security.NoSuchAlgorithmException', `${algorithm as string} MessageDigest not available`);
    }
  });
};

/** JSON_EXTRACT(json, path): `$.a.b[0]`, `a.b`, `['key']`; objects and arrays come back as JSON text. */
const jsonExtract: FunctionCompiler = (call, args, context) => {
  checkArity(call, 2);
  return scalarCall(context, call.span, [stringArg(call, args, 0), stringArg(call, args, 1)], 'keyword', (json, path) => {
    let node: unknown;
    try {
      node = JSON.parse(json as string);
    } catch {
      throw illegalArgument('invalid JSON input');
    }
    for (const step of jsonPathSteps(path as string)) {
      if (node === null || typeof node !== 'object') return null;
      node = (node as Record<string, unknown>)[step];
      if (node === undefined) return null;
    }
    if (node === null) return null;
    return typeof node === 'object' ? JSON.stringify(node) : String(node);
  });
};

function jsonPathSteps(path: string): string[] {
  const steps: string[] = [];
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  const token = /^(?:\.?([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\])/;
  while (rest !== '') {
    const m = token.exec(rest);
    if (!m) throw illegalArgument(`invalid JSON path [${path}]`);
    steps.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
    rest = rest.slice(m[0].length);
  }
  return steps;
}

/** MV_LIKE / MV_RLIKE: whether any value matches; a null field matches nothing (false, not null). */
function anyValueMatches(rlike: boolean): FunctionCompiler {
  return (call, args) => {
    checkArity(call, 2);
    const field = stringArg(call, args, 0);
    const pattern = constantArgument(stringArg(call, args, 1), call.args[1]!.span, 'the pattern');
    if (typeof pattern !== 'string') throw typeError(call.args[1]!.span, 'the pattern must be a constant string');
    let matches: (s: string) => boolean;
    try {
      matches = rlike ? compileRlike(pattern) : compileLike(pattern);
    } catch (error) {
      throw typeError(call.args[1]!.span, `invalid pattern: ${(error as Error).message}`);
    }
    const read = field.eval;
    return memoized({
      type: 'boolean',
      constant: field.constant,
      eval: (row) => {
        const v = read(row);
        if (v === null) return false;
        return Array.isArray(v) ? v.some((x) => matches(x as string)) : matches(v as string);
      },
    });
  };
}

export const stringFunctions: Record<string, FunctionCompiler> = {
  mv_like: anyValueMatches(false),
  mv_rlike: anyValueMatches(true),
  length: unaryString(codePointLength, 'integer'),
  bit_length: unaryString((s) => utf8Length(s) * 8, 'integer'),
  byte_length: unaryString(utf8Length, 'integer'),
  concat,
  substring,
  left: side(true),
  right: side(false),
  trim: unaryString((s) => s.replace(JAVA_TRIM, '')),
  ltrim: unaryString((s) => s.replace(JAVA_LTRIM, '')),
  rtrim: unaryString((s) => s.replace(JAVA_RTRIM, '')),
  to_lower: perValueString((s) => s.toLowerCase()),
  to_upper: perValueString((s) => s.toUpperCase()),
  replace,
  split,
  starts_with: stringPredicate((s, t) => s.startsWith(t)),
  ends_with: stringPredicate((s, t) => s.endsWith(t)),
  contains: stringPredicate((s, t) => s.includes(t)),
  locate,
  repeat,
  space,
  reverse: (call, args, context) => {
    checkArity(call, 1);
    if (args[0]!.type === 'null') return constant('null', null);
    return scalarCall(context, call.span, [stringArg(call, args, 0)], 'keyword', (s) => reverseGraphemes(s as string));
  },
  from_base64: unaryString(fromBase64),
  to_base64: unaryString((s) => Buffer.from(s, 'utf8').toString('base64')),
  url_encode: perValueString(urlEncodeForm),
  url_encode_component: perValueString(urlEncodeComponent),
  url_decode: perValueString(urlDecode),
  md5: hashFunction('md5'),
  sha1: hashFunction('sha1'),
  sha256: hashFunction('sha256'),
  hash,
  json_extract: jsonExtract,
};

