// The query-language front-ends, by language.
import type { QueryFrontEnd, QueryLanguage } from '../common/language.ts';
import { eqlFrontEnd } from '../eql/index.ts';
import { esqlFrontEnd } from '../esql/index.ts';
import { kqlFrontEnd } from '../kql/index.ts';
import { luceneFrontEnd } from '../lucene/index.ts';
import { osqueryFrontEnd } from '../osquery/index.ts';

export const frontEnds: Record<QueryLanguage, QueryFrontEnd<any>> = {
  eql: eqlFrontEnd,
  esql: esqlFrontEnd,
  kuery: kqlFrontEnd,
  lucene: luceneFrontEnd,
  osquery: osqueryFrontEnd,
};
