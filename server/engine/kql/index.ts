// The KQL evaluator: KQL queries as filters over events.
export { compileKql } from './compileKql.ts';
