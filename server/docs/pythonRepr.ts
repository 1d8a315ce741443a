// Python's `repr()` of strings and lists of strings: upstream's hunt docs print a list
// with `str(list)`, so its quoting and escapes show through in the generated Markdown.

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

export function pythonStringRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of value) {
    out += escapeCharacter(ch, quote);
  }
  return out + quote;
}

export function pythonStringListRepr(values: readonly string[]): string {
  return `[${values.map(pythonStringRepr).join(', ')}]`;
}

function escapeCharacter(ch: string, quote: string): string {
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (ch === '\t') return '\\t';
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === ' ' || !NON_PRINTABLE.test(ch)) return ch;
  const code = ch.codePointAt(0)!;
  if (code <= 0xff) return `\\x${hex(code, 2)}`;
  if (code <= 0xffff) return `\\u${hex(code, 4)}`;
  return `\\U${hex(code, 8)}`;
}

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}
