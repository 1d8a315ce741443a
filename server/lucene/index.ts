// The Lucene query string front-end.
import type { QueryFrontEnd } from '../common/language.ts';
import type { LuceneQuery } from './ast.ts';
import { checkLucene } from './check.ts';
import { parseLucene } from './parser.ts';

export const luceneFrontEnd: QueryFrontEnd<LuceneQuery> = {
  language: 'lucene',
  parse: parseLucene,
  check: (ast, text) => checkLucene(ast, text),
};

export type * from './ast.ts';
export { luceneChildren } from './ast.ts';
export { luceneNodePath } from './nodeAt.ts';
export { parseLucene } from './parser.ts';
export { checkLucene } from './check.ts';
