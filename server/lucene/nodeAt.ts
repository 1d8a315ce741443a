// Finding the nodes under an offset, for completion and hover.
import { nodePath } from '../common/nodePath.ts';
import { luceneChildren } from './ast.ts';
import type { LuceneNode, LuceneQuery } from './ast.ts';

/** The chain of nodes from the root down to the innermost node under `offset` (see `nodePath`). */
export function luceneNodePath(query: LuceneQuery, offset: number): LuceneNode[] {
  return nodePath<LuceneNode>(query, offset, luceneChildren);
}
