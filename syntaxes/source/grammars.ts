// Every grammar the extension ships, with the file it is committed as.
import { eqlGrammar } from './eql.ts';
import { esqlGrammar } from './esql.ts';
import type { Grammar } from './grammar.ts';
import { renderGrammar } from './grammar.ts';
import { kqlGrammar } from './kql.ts';
import { luceneGrammar } from './lucene.ts';
import { osquerySqlGrammar } from './osquerySql.ts';
import { tomlGrammar } from './toml.ts';
import { tomlQueriesGrammar } from './tomlQueries.ts';

export interface GeneratedGrammar {
  /** File name under syntaxes/. */
  file: string;
  /** Source file under syntaxes/source/. */
  source: string;
  grammar: Grammar;
}

export const GRAMMARS: readonly GeneratedGrammar[] = [
  { file: 'toml.tmLanguage.json', source: 'toml.ts', grammar: tomlGrammar },
  { file: 'eql.tmLanguage.json', source: 'eql.ts', grammar: eqlGrammar },
  { file: 'esql.tmLanguage.json', source: 'esql.ts', grammar: esqlGrammar },
  { file: 'kql.tmLanguage.json', source: 'kql.ts', grammar: kqlGrammar },
  { file: 'lucene.tmLanguage.json', source: 'lucene.ts', grammar: luceneGrammar },
  { file: 'osquery-sql.tmLanguage.json', source: 'osquerySql.ts', grammar: osquerySqlGrammar },
  { file: 'toml-queries.injection.tmLanguage.json', source: 'tomlQueries.ts', grammar: tomlQueriesGrammar },
];

export function renderedGrammar(entry: GeneratedGrammar): string {
  return renderGrammar(entry.grammar, entry.source);
}
