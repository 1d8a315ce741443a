// Every EQL query in the detection-rules corpus passes Elasticsearch's
// validation, and so must pass ours: no diagnostics at all, no placeholder
// nodes, even with each rule's own min_stack_version. The newer Elasticsearch
// QA suites (optional fields, missing events, samples) must pass too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import { corpusAvailable, corpusQueries, SHARED } from '../../support/corpus.ts';
import { eqlFrontEnd, walk } from '../../../server/eql/index.ts';
import type { EqlQuery } from '../../../server/eql/index.ts';

/** Diagnostics and placeholder nodes of a query that should have none, and its node counts. */
function analyse(text: string, minStackVersion: string | undefined): { problems: string[]; kinds: Record<string, number> } {
  const { ast, diagnostics } = eqlFrontEnd.parse(text);
  const semantic = eqlFrontEnd.check(ast, text, minStackVersion ? { minStackVersion } : {});
  const problems = [...diagnostics, ...semantic].map((d) => `${d.code} at ${d.span.start}-${d.span.end}: ${d.message}`);
  const kinds = countKinds(ast);
  if (kinds.Error) problems.push(`${kinds.Error} placeholder nodes in the tree`);
  return { problems, kinds };
}

function countKinds(ast: EqlQuery): Record<string, number> {
  const counts: Record<string, number> = {};
  walk(ast, (node) => {
    counts[node.kind] = (counts[node.kind] ?? 0) + 1;
  });
  return counts;
}

/** A rule's `min_stack_version`, read from its metadata table. */
function minStackVersionOf(file: string): string | undefined {
  return /^min_stack_version\s*=\s*"([^"]+)"/m.exec(readFileSync(file, 'utf8'))?.[1];
}

test('every corpus EQL query parses and checks without a diagnostic', { skip: !corpusAvailable() }, () => {
  const queries = corpusQueries().filter((q) => q.language === 'eql');
  assert.equal(queries.length, 1094);
  const failures: string[] = [];
  const totals: Record<string, number> = {};
  for (const query of queries) {
    const { problems, kinds } = analyse(query.text, minStackVersionOf(query.file));
    if (problems.length > 0) failures.push(`${query.file}#${query.index}\n  ${problems.join('\n  ')}`);
    for (const [kind, n] of Object.entries(kinds)) totals[kind] = (totals[kind] ?? 0) + n;
  }
  assert.deepEqual(failures, []);
  // The corpus exercises every query kind and the sequence clauses.
  assert.equal(totals.Query, 1094);
  assert.ok(totals.SequenceQuery! > 200, `sequences: ${totals.SequenceQuery}`);
  assert.ok(totals.SampleQuery! >= 1, `samples: ${totals.SampleQuery}`);
  assert.ok(totals.MaxSpan! > 150 && totals.TermParameter! > 10 && totals.Pipe! >= 1);
});

/** Elasticsearch x-pack QA suites written for the current grammar (the older endgame suites use retired syntax). */
const CURRENT_QA_SUITES = [
  'test_extra.toml',
  'test_missing_events.toml',
  'test_sample.toml',
  'test_sample_multi.toml',
  'test_queries_date.toml',
  'test_queries_date_nanos.toml',
];

const QA_DIR = join(SHARED, 'conformance/eql');

test('the current Elasticsearch EQL QA queries parse and check without a diagnostic', { skip: !existsSync(QA_DIR) }, () => {
  let count = 0;
  const failures: string[] = [];
  for (const suite of CURRENT_QA_SUITES) {
    // test_extra.toml writes bare `null` in join_keys, which TOML does not allow.
    const source = readFileSync(join(QA_DIR, suite), 'utf8').replace(/^join_keys\s*=.*$/gm, (line) =>
      line.replace(/(?<!")\bnull\b(?!")/g, '"null"'),
    );
    const { queries } = getStaticTOMLValue(parseTOML(source)) as { queries: { name: string; query: string }[] };
    for (const { name, query } of queries) {
      count++;
      const { problems } = analyse(query, undefined);
      if (problems.length > 0) failures.push(`${suite} ${name}\n  ${problems.join('\n  ')}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.equal(count, 105);
});
