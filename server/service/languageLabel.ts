import type { QueryLanguage } from '../common/language.ts';

/** The name users know a query language by. */
export function languageLabel(language: QueryLanguage | undefined): string {
  switch (language) {
    case 'eql':
      return 'EQL';
    case 'esql':
      return 'ES|QL';
    case 'kuery':
      return 'KQL';
    case 'lucene':
      return 'Lucene';
    case 'osquery':
      return 'osquery SQL';
    default:
      return 'unknown language';
  }
}
