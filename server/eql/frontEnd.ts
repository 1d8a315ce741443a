// The EQL front-end the document layer calls: syntax from the parser,
// semantics from the checker.
import type { QueryFrontEnd } from '../common/language.ts';
import type { EqlQuery } from './ast.ts';
import { checkEql } from './checker.ts';
import { parseEql } from './parser.ts';

export const eqlFrontEnd: QueryFrontEnd<EqlQuery> = {
  language: 'eql',
  parse: parseEql,
  check: checkEql,
};
