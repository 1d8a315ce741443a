// The columns DISSECT and GROK patterns create.
import type { EsqlType } from './typing.ts';

export interface ExtractedColumns {
  columns: { name: string; type: EsqlType }[];
  /** The pattern creates columns whose names are only known at run time (dissect `*key`/`&key`). */
  dynamic: boolean;
}

/** Grok's `[a][b]` field syntax names the column `a.b`. */
function grokFieldName(name: string): string {
  const bracketed = /^(\[[^\]]+\])+$/.test(name);
  return bracketed ? name.slice(1, -1).split('][').join('.') : name;
}

const GROK_TYPES: Record<string, EsqlType> = {
  int: 'integer',
  long: 'long',
  float: 'double',
  double: 'double',
  boolean: 'boolean',
};

/** `%{SYNTAX:name}`, `%{SYNTAX:name:int}` and Oniguruma named groups `(?<name>...)`. */
export function grokColumns(pattern: string): ExtractedColumns {
  const columns: { name: string; type: EsqlType }[] = [];
  for (const match of pattern.matchAll(/%\{([^}:]+)(?::([^}:]+)(?::([^}:]+))?)?\}/g)) {
    const name = match[2];
    if (name) columns.push({ name: grokFieldName(name), type: GROK_TYPES[match[3]?.toLowerCase() ?? ''] ?? 'keyword' });
  }
  for (const match of pattern.matchAll(/\(\?<([A-Za-z_][\w.]*)>/g)) {
    columns.push({ name: match[1]!, type: 'keyword' });
  }
  return { columns, dynamic: false };
}

/** `%{name}` keys; `?` keys are skipped, `+` appends, `*`/`&` pairs name columns at run time. */
export function dissectColumns(pattern: string): ExtractedColumns {
  const columns: { name: string; type: EsqlType }[] = [];
  let dynamic = false;
  for (const match of pattern.matchAll(/%\{([^}]*)\}/g)) {
    let key = match[1]!;
    if (key === '' || key.startsWith('?')) continue;
    if (key.startsWith('*') || key.startsWith('&')) {
      dynamic = true;
      continue;
    }
    if (key.startsWith('+')) key = key.slice(1);
    key = key.replace(/->$/, '').replace(/\/\d+$/, '');
    if (key !== '' && !columns.some((c) => c.name === key)) columns.push({ name: key, type: 'keyword' });
  }
  return { columns, dynamic };
}
