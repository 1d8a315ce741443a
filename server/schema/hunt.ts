// Schema checks for threat-hunt TOML files (`[hunt]`), after upstream's `Hunt` dataclass
// (elastic/detection-rules hunting/definitions.py) and its hunting tests.
import { DiagnosticSink, type QueryDiagnostic } from '../common/diagnostics.ts';
import { tactic } from '../data/attack.ts';
import type { HuntRuleDocument } from '../document/huntRuleDocument.ts';
import { huntLanguageName } from '../document/queryLanguage.ts';
import { ATLAS_ID, SUBTECHNIQUE_ID, TECHNIQUE_ID, checkTechniqueStatus } from './attackIds.ts';
import { checkTable, listOf, nonEmptyString, openTable, optional, quote, required, string, type Fields, type ShapeContext } from './shape.ts';
import { TomlTree, type TomlNode } from './tomlTree.ts';
import { UUID_PATTERN } from './values.ts';

const nonEmptyStrings = listOf(nonEmptyString, { minItems: 1 });

const FILE_FIELDS: Fields = { hunt: required(openTable) };

const HUNT_FIELDS: Fields = {
  author: required(nonEmptyString),
  description: required(nonEmptyString),
  integration: required(nonEmptyStrings),
  uuid: required(string({ pattern: { regex: UUID_PATTERN, code: 'hunt-invalid-uuid', expected: 'a lowercase UUID such as `4f878255-53b8-4914-9a7d-4b668bd2ea6a`' } })),
  name: required(nonEmptyString),
  language: required(listOf(string({ check: checkLanguage }), { minItems: 1 })),
  license: required(string()),
  query: required(listOf(string({ check: checkQuery }))),
  notes: optional(listOf(string())),
  mitre: optional(listOf(string({ check: checkMitreId }))),
  references: optional(listOf(string())),
};

export function checkHunt(doc: HuntRuleDocument): QueryDiagnostic[] {
  if (!doc.toml.value) return [];
  const sink = new DiagnosticSink();
  const tree = new TomlTree(doc.toml);
  const context: ShapeContext = { tree, sink, prefix: 'hunt', unknownKeySeverity: 'warning' };
  checkTable(tree.root, FILE_FIELDS, 'a hunt file', context);
  const hunt = tree.node(['hunt']);
  if (hunt?.kind !== 'table') return sink.items;
  checkTable(hunt, HUNT_FIELDS, '[hunt]', context);

  const queries = tree.child(hunt, 'query');
  if (Array.isArray(queries?.value)) {
    if (queries.value.length === 0) sink.error(queries.span, 'hunt-empty-query', 'a hunt needs at least one query');
    if (tree.child(hunt, 'author')?.value === 'Elastic') checkElasticEsqlQueries(tree, queries, sink);
  }
  const mitre = tree.child(hunt, 'mitre');
  if (!mitre || (Array.isArray(mitre.value) && mitre.value.length === 0)) {
    // Upstream's hunting index test fails a hunt without techniques.
    sink.warning(mitre?.span ?? hunt.span, 'hunt-no-mitre', 'the hunt lists no MITRE technique; the upstream hunting index expects at least one in `mitre`');
  }
  return sink.items;
}

function checkLanguage(node: TomlNode, context: ShapeContext): void {
  const name = node.value as string;
  if (!huntLanguageName(name)) {
    context.sink.warning(node.span, 'hunt-unknown-language', `unknown hunt language ${quote(name)}; Huntkit knows ES|QL, EQL, KQL, Lucene and SQL (osquery)`);
  }
}

function checkQuery(node: TomlNode, context: ShapeContext): void {
  if ((node.value as string).trim() === '') context.sink.error(node.span, 'hunt-empty-query', 'the query is empty');
}

function checkMitreId(node: TomlNode, context: ShapeContext): void {
  const id = node.value as string;
  if (ATLAS_ID.test(id)) return;
  if (/^TA\d{4}$/.test(id)) {
    if (!tactic(id)) context.sink.error(node.span, 'hunt-unknown-technique', `${id} is not an ATT&CK tactic in the shipped catalog`);
    return;
  }
  if (!TECHNIQUE_ID.test(id) && !SUBTECHNIQUE_ID.test(id)) {
    context.sink.error(node.span, 'hunt-unknown-technique', `${quote(id)} is not an ATT&CK technique id (T1234 or T1234.001) nor an ATLAS id (AML.T0051)`);
    return;
  }
  checkTechniqueStatus(id, node.span, 'hunt', context.sink);
}

/**
 * Upstream rejects an Elastic-authored ES|QL hunt query (one starting with `from`) that
 * neither aggregates (`stats ... by`) nor selects columns (`| keep`).
 */
function checkElasticEsqlQueries(tree: TomlTree, queries: TomlNode, sink: DiagnosticSink): void {
  for (const node of tree.children(queries)) {
    if (node.kind !== 'string') continue;
    const query = (node.value as string).toLowerCase();
    if (!query.trim().startsWith('from')) continue;
    if (/\bstats\b.*?\bby\b/s.test(query) || query.includes('| keep')) continue;
    sink.error(node.span, 'hunt-esql-needs-stats-or-keep', 'an ES|QL hunt query must aggregate with `stats ... by` or select columns with `| keep`');
  }
}
