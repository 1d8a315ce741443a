// Decides which query language a query string is written in.
import type { QueryLanguage } from '../common/language.ts';

/** Rule `language` values as upstream spells them. */
export function ruleLanguage(value: string | undefined, ruleType?: string): QueryLanguage | undefined {
  switch (value) {
    case 'eql':
      return 'eql';
    case 'esql':
      return 'esql';
    case 'kuery':
      return 'kuery';
    case 'lucene':
      return 'lucene';
  }
  if (value === undefined && (ruleType === 'query' || ruleType === 'threshold' || ruleType === 'new_terms' || ruleType === 'threat_match')) {
    return 'kuery';
  }
  return undefined;
}

/** A hunt query that starts with a stray `sql` line (some upstream hunts do): the offset where the real query starts. */
export function straySqlPrefixLength(text: string): number {
  const m = /^[ \t]*sql[ \t]*\r?\n/i.exec(text);
  return m ? m[0].length : 0;
}

const HUNT_LANGUAGE_NAMES: Record<string, QueryLanguage> = {
  'ES|QL': 'esql',
  ESQL: 'esql',
  EQL: 'eql',
  KQL: 'kuery',
  KUERY: 'kuery',
  LUCENE: 'lucene',
  SQL: 'osquery',
  OSQUERY: 'osquery',
};

export function huntLanguageName(name: string): QueryLanguage | undefined {
  return HUNT_LANGUAGE_NAMES[name.trim().toUpperCase()];
}

/**
 * A hunt lists its languages once for all its queries, so when it names more
 * than one, each query's own first word decides.
 */
export function huntQueryLanguage(declared: readonly string[], text: string): QueryLanguage | undefined {
  const languages = declared.map(huntLanguageName).filter((l): l is QueryLanguage => l !== undefined);
  if (languages.length === 1) return languages[0];
  const body = text.slice(straySqlPrefixLength(text));
  const guessed = guessLanguage(body);
  if (guessed && (languages.length === 0 || languages.includes(guessed))) return guessed;
  return languages[0] ?? guessed;
}

/** The language a query's opening words suggest. */
export function guessLanguage(text: string): QueryLanguage | undefined {
  const stripped = text.replace(/^(\s|\/\/[^\n]*\n|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
  const word = /^[A-Za-z_]+/.exec(stripped)?.[0].toLowerCase();
  switch (word) {
    case 'from':
    case 'row':
    case 'show':
    case 'ts':
      return 'esql';
    case 'select':
    case 'with':
      return 'osquery';
    case 'sequence':
    case 'sample':
      return 'eql';
  }
  if (/^[A-Za-z_]+\s+where\b/i.test(stripped)) return 'eql';
  return undefined;
}
