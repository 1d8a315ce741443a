// Runtime values of the EQL evaluator and how Elasticsearch compares and prints
// them. A value is null (missing), a boolean, a number (long or double), a string
// (keyword), or a bigint (date_nanos, epoch nanoseconds). IPs are carried as 32
// hex digits of their 16 bytes so that string order is address order; versions
// as their text, compared with `compareVersions`.
import { formatIp, parseIp } from '../ip.ts';
import { javaDoubleString } from '../values.ts';

export type EqlValue = null | boolean | number | string | bigint;

/**
 * What an expression yields, known when the query is compiled. `dynamic` is a
 * field without a mapping: its JSON type decides at run time. `number` is a
 * numeric value whose integer-ness shows at run time (long when whole).
 */
export type ValueKind =
  | 'keyword'
  | 'long'
  | 'double'
  | 'number'
  | 'boolean'
  | 'date'
  | 'date_nanos'
  | 'ip'
  | 'version'
  | 'null'
  | 'dynamic';

export function isNumericKind(kind: ValueKind): boolean {
  return kind === 'long' || kind === 'double' || kind === 'number';
}


/** The text Elasticsearch prints for a value of a kind (`string()`, `concat`, keys). */
export function valueToString(value: EqlValue, kind: ValueKind): string | null {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
      return kind === 'ip' ? formatIpKey(value) : value;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return formatEpochNanos(value);
    case 'number':
      if (kind === 'date') return new Date(value).toISOString();
      if (kind === 'double') return javaDoubleString(value);
      return Number.isInteger(value) ? integerString(value) : javaDoubleString(value);
  }
}

function integerString(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}

/** ISO-8601 with nanoseconds, as Elasticsearch prints `date_nanos` (`strict_date_optional_time_nanos`). */
export function formatEpochNanos(nanos: bigint): string {
  const millis = nanos >= 0n ? nanos / 1_000_000n : (nanos - 999_999n) / 1_000_000n;
  const iso = new Date(Number(millis)).toISOString();
  const fraction = (((nanos % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).toString().padStart(9, '0');
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

// ----- IP addresses -----

/** The 32-hex-digit form of an IP text, or undefined when it is not an address. */
export function ipKey(text: string): string | undefined {
  const bytes = parseIp(text);
  if (!bytes) return undefined;
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** The printed form of an `ipKey` (IPv4 dotted when IPv4-mapped). */
export function formatIpKey(key: string): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(key.slice(i * 2, i * 2 + 2), 16);
  return formatIp(bytes);
}

// ----- strings -----

/** Code-point order (the UTF-8 byte order Elasticsearch sorts keywords by); UTF-16 order differs above the BMP. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if ((x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)) {
      const cx = a.codePointAt(i)!;
      const cy = b.codePointAt(i)!;
      if (cx !== cy) return cx < cy ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

// ----- versions (the `version` field type) -----

const VERSION = /^(\d+(?:\.\d+)*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/**
 * Semantic-version precedence as Elasticsearch's `version` type sorts: numeric
 * parts numerically, a pre-release before its release, and text that is not a
 * version after every valid version (in code-point order).
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  const va = VERSION.exec(a);
  const vb = VERSION.exec(b);
  if (!va || !vb) {
    if (va) return -1;
    if (vb) return 1;
    return compareStrings(a, b);
  }
  const byParts = compareDotted(va[1]!.split('.'), vb[1]!.split('.'), true);
  if (byParts !== 0) return byParts;
  const pa = va[2];
  const pb = vb[2];
  if (pa === undefined || pb === undefined) {
    if (pa !== pb) return pa === undefined ? 1 : -1;
  } else {
    const byPre = compareDotted(pa.split('.'), pb.split('.'), false);
    if (byPre !== 0) return byPre;
  }
  return compareStrings(a, b);
}

function compareDotted(a: string[], b: string[], numericOnly: boolean): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (!numericOnly && xNumeric !== yNumeric) {
      return xNumeric ? -1 : 1;
    } else {
      const d = compareStrings(x, y);
      if (d !== 0) return d;
    }
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
