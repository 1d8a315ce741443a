// The query strings of a corpus TOML file, where they sit in the text and which
// grammar should highlight them, worked out from the parsed TOML (not from the grammar).
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';
import type { QueryLanguage } from '../../../server/common/language.ts';
import { huntQueryLanguage, ruleLanguage, straySqlPrefixLength } from '../../../server/document/queryLanguage.ts';

export type GrammarLanguage = 'eql' | 'esql' | 'kql' | 'lucene' | 'osquery-sql';

export const GRAMMAR_LANGUAGE: Record<QueryLanguage, GrammarLanguage> = {
  eql: 'eql',
  esql: 'esql',
  kuery: 'kql',
  lucene: 'lucene',
  osquery: 'osquery-sql',
};

export interface QueryString {
  /** Dotted TOML path of the value, e.g. `hunt.query.2`. */
  path: string;
  /** The grammar expected inside, or null for a `query` key that holds no query (filter parameters). */
  language: GrammarLanguage | null;
  /** Range of the whole string, delimiters included. */
  start: number;
  end: number;
  /** Range between the delimiters. */
  contentStart: number;
  contentEnd: number;
  /** Where the query text proper starts: after a stray `sql` line and leading whitespace. */
  textStart: number;
}

function stringNode(node: AST.TOMLContentNode): node is AST.TOMLStringValue {
  return node.type === 'TOMLValue' && node.kind === 'string';
}

export function queryStrings(text: string): QueryString[] {
  const program = parseTOML(text);
  const data = getStaticTOMLValue(program) as Record<string, any>;
  const top = program.body[0];
  const out: QueryString[] = [];
  const add = (path: string, node: AST.TOMLStringValue, language: GrammarLanguage | null) => {
    const delimiter = node.multiline ? 3 : 1;
    const contentStart = node.range[0] + delimiter;
    const contentEnd = node.range[1] - delimiter;
    let textStart = contentStart;
    const body = text.slice(contentStart, contentEnd);
    // TOML drops a newline right after the opening delimiter; the stray line is counted from there.
    const leadingNewline = node.multiline && /^\r?\n/.exec(body)?.[0].length;
    textStart += (leadingNewline || 0) + straySqlPrefixLength(body.slice(leadingNewline || 0));
    while (textStart < contentEnd && /\s/.test(text[textStart])) textStart++;
    out.push({ path, language, start: node.range[0], end: node.range[1], contentStart, contentEnd, textStart });
  };
  for (const item of top.body) {
    const tablePath = item.type === 'TOMLTable' ? item.resolvedKey.join('.') : '';
    const pairs = item.type === 'TOMLTable' ? item.body : [item];
    for (const pair of pairs) {
      const key = pair.key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value)).join('.');
      if (key !== 'query' && key !== 'threat_query') continue;
      const path = `${tablePath}.${key}`;
      const value = pair.value;
      if (tablePath === 'hunt' && key === 'query' && value.type === 'TOMLArray') {
        const declared: string[] = data.hunt.language ?? [];
        value.elements.forEach((element, i) => {
          if (stringNode(element)) add(`${path}.${i}`, element, GRAMMAR_LANGUAGE[huntQueryLanguage(declared, element.value)!]);
        });
        continue;
      }
      if (!stringNode(value)) continue;
      if (/^rule\.(threat_)?filters\b/.test(tablePath)) add(path, value, null);
      else if (tablePath === 'rule' && key === 'threat_query') add(path, value, 'kql');
      else if (tablePath === 'rule') add(path, value, GRAMMAR_LANGUAGE[ruleLanguage(data.rule.language, data.rule.type)!]);
      else if (/^transform\.osquery\.\d+$/.test(tablePath)) add(path, value, 'osquery-sql');
      else throw new Error(`unexpected query key ${path}`);
    }
  }
  return out;
}
