// The Lucene query string evaluator: Lucene queries as filters over events.
export { compileLucene } from './compileLucene.ts';
