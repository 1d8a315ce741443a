// The osquery SQL front-end.
import type { QueryFrontEnd } from '../common/language.ts';
import type { OsqueryQuery } from './ast.ts';
import { checkOsquery } from './check.ts';
import { parseOsquery } from './parser.ts';

export const osqueryFrontEnd: QueryFrontEnd<OsqueryQuery> = {
  language: 'osquery',
  parse: parseOsquery,
  check: (ast) => checkOsquery(ast),
};

export type * from './ast.ts';
export { osqueryNodePath } from './nodeAt.ts';
export { parseOsquery } from './parser.ts';
export { checkOsquery } from './check.ts';
