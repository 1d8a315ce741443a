// The KQL (`kuery`) front-end.
import type { QueryFrontEnd } from '../common/language.ts';
import type { KqlQuery } from './ast.ts';
import { checkKql } from './check.ts';
import { parseKql } from './parser.ts';

export const kqlFrontEnd: QueryFrontEnd<KqlQuery> = {
  language: 'kuery',
  parse: parseKql,
  check: (ast) => checkKql(ast),
};

export type * from './ast.ts';
export { kqlChildren } from './ast.ts';
export { kqlNodePath, kqlNestedPrefix } from './nodeAt.ts';
export { parseKql } from './parser.ts';
export { checkKql } from './check.ts';
