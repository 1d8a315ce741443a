// Elasticsearch EQL's functions with their null and type behaviour: a null in
// the main argument gives null; the `~` forms compare lowercased text; arithmetic
// stays in longs when both sides are whole (integer division, Java remainder).
// Argument types that Elasticsearch's verifier rejects are compile errors; at run
// time a value of the wrong type (only possible without a mapping) gives null.
import type { Span } from '../../common/diagnostics.ts';
import { cidrContains, parseCidr, parseIp } from '../ip.ts';
import type { CidrBlock } from '../ip.ts';
import { EqlCompileError } from './compileError.ts';
import { isNumericKind, valueToString } from './eqlValues.ts';
import type { EqlValue, ValueKind } from './eqlValues.ts';

export interface FunctionArgument {
  kind: ValueKind;
  /** The value when the argument is a constant. */
  constant?: EqlValue;
  span: Span;
}

export interface CompiledFunction {
  kind: ValueKind;
  apply(args: readonly EqlValue[]): EqlValue;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

/** The function named (case-insensitively) `name`; the front-end has checked that it exists and its arity. */
export function compileFunction(name: string, caseInsensitive: boolean, args: readonly FunctionArgument[], callSpan: Span): CompiledFunction {
  const lower = name.toLowerCase();
  switch (lower) {
    case 'add':
      return arithmeticFunction('+', args);
    case 'subtract':
      return arithmeticFunction('-', args);
    case 'multiply':
      return arithmeticFunction('*', args);
    case 'divide':
      return arithmeticFunction('/', args);
    case 'modulo':
      return arithmeticFunction('%', args);
    case 'between':
      return betweenFunction(args, caseInsensitive);
    case 'cidrmatch':
      return cidrMatchFunction(args);
    case 'concat':
      return {
        kind: 'keyword',
        apply(values) {
          let out = '';
          for (let i = 0; i < values.length; i++) {
            const text = valueToString(values[i]!, args[i]!.kind);
            if (text === null) return null;
            out += text;
          }
          return out;
        },
      };
    case 'endswith':
      requireStrings(name, args);
      return stringPredicate(caseInsensitive, (s, suffix) => s.endsWith(suffix));
    case 'startswith':
      requireStrings(name, args);
      return stringPredicate(caseInsensitive, (s, prefix) => s.startsWith(prefix));
    case 'stringcontains':
      requireStrings(name, args);
      return stringPredicate(caseInsensitive, (s, sub) => sub.length > 0 && s.length > 0 && s.includes(sub));
    case 'indexof':
      requireStrings(name, args.slice(0, 2));
      requireNumbers(name, args.slice(2));
      return {
        kind: 'long',
        apply([source, sub, start]) {
          const s = asString(source ?? null);
          const p = asString(sub ?? null);
          if (s === null || p === null) return null;
          const from = start === undefined || start === null ? 0 : asInteger(start);
          if (from === null) return null;
          const at = caseInsensitive ? s.toLowerCase().indexOf(p.toLowerCase(), Math.max(0, from)) : s.indexOf(p, Math.max(0, from));
          return at < 0 ? null : at;
        },
      };
    case 'length':
      requireStrings(name, args);
      return {
        kind: 'long',
        apply([value]) {
          const s = asString(value ?? null);
          return s === null ? null : s.length;
        },
      };
    case 'number':
      return numberFunction(args, callSpan);
    case 'string':
      return {
        kind: 'keyword',
        apply([value]) {
          return valueToString(value ?? null, args[0]!.kind);
        },
      };
    case 'substring':
      requireStrings(name, args.slice(0, 1));
      requireNumbers(name, args.slice(1));
      return {
        kind: 'keyword',
        apply([source, start, end]) {
          const s = asString(source ?? null);
          if (s === null) return null;
          if (start === null || start === undefined) return s;
          const from = asInteger(start);
          const to = end === null || end === undefined ? s.length : asInteger(end);
          return from === null || to === null ? null : substringSlice(s, from, to);
        },
      };
  }
  throw new EqlCompileError('eql-engine-unsupported', `the function \`${name}\` is not supported by the local engine`, callSpan);
}

// ----- arithmetic -----

function arithmeticFunction(operator: ArithmeticOperator, args: readonly FunctionArgument[]): CompiledFunction {
  const [left, right] = args as [FunctionArgument, FunctionArgument];
  requireNumbers(operator, args);
  const kind = arithmeticKind(left.kind, right.kind);
  return { kind, apply: ([a, b]) => arithmetic(operator, a ?? null, b ?? null, left.kind, right.kind) };
}

/** The kind of `a op b`: long when both are longs, double when either is, otherwise decided by the values. */
export function arithmeticKind(left: ValueKind, right: ValueKind): ValueKind {
  if (left === 'long' && right === 'long') return 'long';
  if (left === 'double' || right === 'double') return 'double';
  return 'number';
}

/** Elasticsearch's arithmetic: null in, null out; whole operands stay whole (a zero divisor gives null). */
export function arithmetic(operator: ArithmeticOperator, a: EqlValue, b: EqlValue, aKind: ValueKind, bKind: ValueKind): EqlValue {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x === null || y === null) return null;
  const whole = aKind !== 'double' && bKind !== 'double' && Number.isInteger(x) && Number.isInteger(y);
  switch (operator) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (whole) return y === 0 ? null : Math.trunc(x / y);
      return x / y;
    case '%':
      if (whole && y === 0) return null;
      return x % y;
  }
}

/** Checks at compile time that arguments can be numbers (Elasticsearch's verifier). */
function requireNumbers(what: string, args: readonly FunctionArgument[]): void {
  for (const arg of args) {
    if (!isNumericKind(arg.kind) && arg.kind !== 'dynamic' && arg.kind !== 'null') {
      throw new EqlCompileError('eql-engine-type-mismatch', `\`${what}\` needs a number here, found a ${describeKind(arg.kind)} value`, arg.span);
    }
  }
}

function requireStrings(what: string, args: readonly FunctionArgument[]): void {
  for (const arg of args) {
    if (arg.kind !== 'keyword' && arg.kind !== 'dynamic' && arg.kind !== 'null') {
      throw new EqlCompileError('eql-engine-type-mismatch', `\`${what}\` needs a string here, found a ${describeKind(arg.kind)} value`, arg.span);
    }
  }
}

export function describeKind(kind: ValueKind): string {
  switch (kind) {
    case 'long':
    case 'double':
    case 'number':
      return 'numeric';
    case 'keyword':
      return 'string';
    case 'date_nanos':
      return 'date';
    case 'dynamic':
      return 'untyped';
  }
  return kind;
}

// ----- strings -----

function stringPredicate(caseInsensitive: boolean, test: (s: string, p: string) => boolean): CompiledFunction {
  return {
    kind: 'boolean',
    apply([source, pattern]) {
      const s = asString(source ?? null);
      const p = asString(pattern ?? null);
      if (s === null || p === null) return null;
      return caseInsensitive ? test(s.toLowerCase(), p.toLowerCase()) : test(s, p);
    },
  };
}

function betweenFunction(args: readonly FunctionArgument[], caseInsensitive: boolean): CompiledFunction {
  requireStrings('between', args.slice(0, 3));
  const greedyArg = args[3];
  if (greedyArg && greedyArg.kind !== 'boolean' && greedyArg.kind !== 'dynamic') {
    throw new EqlCompileError('eql-engine-type-mismatch', '`between` takes `true` or `false` as its greedy argument', greedyArg.span);
  }
  return {
    kind: 'keyword',
    apply([source, left, right, greedy]) {
      const s = asString(source ?? null);
      const l = asString(left ?? null);
      const r = asString(right ?? null);
      if (s === null || l === null || r === null) return null;
      return between(s, l, r, greedy === true, caseInsensitive);
    },
  };
}

/** The text between `left` and `right` (the Python EQL `between`); empty when either is not found. */
function between(source: string, left: string, right: string, greedy: boolean, caseInsensitive: boolean): string {
  if (source === '' || left === '' || right === '') return source;
  const haystack = caseInsensitive ? source.toLowerCase() : source;
  const l = caseInsensitive ? left.toLowerCase() : left;
  const r = caseInsensitive ? right.toLowerCase() : right;
  const at = haystack.indexOf(l);
  if (at < 0) return '';
  const start = at + l.length;
  const end = greedy ? haystack.lastIndexOf(r) : haystack.indexOf(r, start);
  if (end < 0) return '';
  return source.substring(start, end);
}

/** Python slice semantics: negative positions count from the end. */
function substringSlice(s: string, start: number, end: number): string {
  if (s === '') return s;
  const length = s.length;
  let from = start < 0 ? start + length : start;
  if (from < 0) from = 0;
  let to = end < 0 ? end + length : end;
  if (to < 0) to = 0;
  else if (to > length) to = length;
  return from >= to ? '' : s.substring(from, to);
}

// ----- cidrMatch -----

function cidrMatchFunction(args: readonly FunctionArgument[]): CompiledFunction {
  const [source, ...cidrArgs] = args as [FunctionArgument, ...FunctionArgument[]];
  if (source.kind !== 'ip' && source.kind !== 'keyword' && source.kind !== 'dynamic' && source.kind !== 'null') {
    throw new EqlCompileError('eql-engine-type-mismatch', `\`cidrMatch\` needs an IP address, found a ${describeKind(source.kind)} value`, source.span);
  }
  const constantBlocks: (CidrBlock | undefined)[] = cidrArgs.map((arg) => {
    if (arg.constant === undefined) return undefined;
    const block = typeof arg.constant === 'string' ? parseCidr(arg.constant) : undefined;
    if (!block) throw new EqlCompileError('eql-engine-invalid-argument', `\`${String(arg.constant)}\` is not a CIDR block such as "10.0.0.0/8"`, arg.span);
    return block;
  });
  const sourceIsIpKey = source.kind === 'ip';
  return {
    kind: 'boolean',
    apply([value, ...cidrs]) {
      if (value === null || value === undefined || typeof value !== 'string') return null;
      const ip = sourceIsIpKey ? ipBytes(value) : parseIp(value);
      if (!ip) return false;
      for (let i = 0; i < cidrs.length; i++) {
        const block = constantBlocks[i] ?? (typeof cidrs[i] === 'string' ? parseCidr(cidrs[i] as string) : undefined);
        if (block && cidrContains(block, ip)) return true;
      }
      return false;
    },
  };
}

function ipBytes(key: string): Uint8Array {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(key.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

// ----- number -----

function numberFunction(args: readonly FunctionArgument[], callSpan: Span): CompiledFunction {
  requireStrings('number', args.slice(0, 1));
  const baseArg = args[1];
  if (baseArg?.constant !== undefined && baseArg.constant !== null) {
    const base = baseArg.constant;
    if (typeof base !== 'number' || !Number.isInteger(base) || base < 2 || base > 36) {
      throw new EqlCompileError('eql-engine-invalid-argument', `\`number\` needs a whole base from 2 to 36, found \`${String(base)}\``, baseArg.span ?? callSpan);
    }
  }
  return {
    kind: 'number',
    apply([value, base]) {
      const s = asString(value ?? null);
      if (s === null) return null;
      return toNumberInBase(s, base === undefined || base === null ? undefined : asInteger(base));
    },
  };
}

/** `number(s, base)`: `0x` means hexadecimal; base 10 reads decimals (Java DecimalFormat), other bases 32-bit integers. */
function toNumberInBase(text: string, base: number | null | undefined): number | null {
  if (base === null) return null;
  const hex = text.startsWith('0x');
  const radix = base ?? (hex ? 16 : 10);
  const digits = hex && radix === 16 ? text.slice(2) : text;
  if (radix === 10) return /^-?(?:\d+\.?\d*|\.\d+)$/.test(digits) ? Number(digits) : null;
  if (!/^[+-]?[0-9a-z]+$/i.test(digits)) return null;
  const sign = digits.startsWith('-') ? -1 : 1;
  const body = digits.replace(/^[+-]/, '');
  let n = 0;
  for (const c of body.toLowerCase()) {
    const d = parseInt(c, 36);
    if (d >= radix) return null;
    n = n * radix + d;
  }
  n *= sign;
  return n < -2147483648 || n > 2147483647 ? null : n;
}

// ----- value helpers -----

/** Text of a string value; numbers become text only for untyped (mapping-less) values, which could be keywords. */
function asString(value: EqlValue): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  return null;
}

function asNumber(value: EqlValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function asInteger(value: EqlValue): number | null {
  const n = asNumber(value);
  return n === null ? null : Math.trunc(n);
}
