// `[[rule.threat]]` consistency with the MITRE ATT&CK catalog: tactic id, name and URL;
// each technique under its tactic; each sub-technique under its technique; revoked and
// deprecated ids. Mirrors upstream's TestThreatMappings and the URL patterns of definitions.py.
import type { DiagnosticSink } from '../common/diagnostics.ts';
import { tactic as findTactic, type AttackTactic } from '../data/attack.ts';
import { SUBTECHNIQUE_ID, TECHNIQUE_ID, checkTechniqueStatus, describeTechnique } from './attackIds.ts';
import { quote } from './shape.ts';
import type { TomlNode, TomlTree } from './tomlTree.ts';
import { SUBTECHNIQUE_URL, TACTIC_URL, TECHNIQUE_URL } from './values.ts';

interface Entry {
  id?: TomlNode;
  name?: TomlNode;
  reference?: TomlNode;
}

/** Checks `rule.threat`, an array of threat mappings. */
export function checkThreat(tree: TomlTree, threat: TomlNode, sink: DiagnosticSink): void {
  const seenTactics = new Map<string, number>();
  tree.children(threat).forEach((mapping, index) => {
    // ATLAS mappings have no catalog here: only ATT&CK ones are checked.
    if (mapping.kind !== 'table' || (mapping.value as Record<string, unknown>).framework !== 'MITRE ATT&CK') return;
    const tacticNode = tree.child(mapping, 'tactic');
    const tacticEntry = tacticNode?.kind === 'table' ? entryOf(tree, tacticNode) : {};
    const tactic = checkTactic(tacticEntry, sink);
    if (tacticEntry.name) {
      const name = tacticEntry.name.value as string;
      const first = seenTactics.get(name);
      if (first === undefined) seenTactics.set(name, index);
      else sink.error(tacticEntry.name.span, 'rule-duplicate-tactic', `tactic ${quote(name)} is already mapped by rule.threat[${first}]; put all its techniques in one entry`);
    }
    const techniques = tree.child(mapping, 'technique');
    if (techniques?.kind !== 'array') return;
    for (const techniqueNode of tree.children(techniques)) {
      if (techniqueNode.kind !== 'table') continue;
      const techniqueId = checkTechnique(entryOf(tree, techniqueNode), tactic, sink);
      const subtechniques = tree.child(techniqueNode, 'subtechnique');
      if (subtechniques?.kind !== 'array') continue;
      for (const sub of tree.children(subtechniques)) {
        if (sub.kind === 'table') checkSubtechnique(entryOf(tree, sub), techniqueId, sink);
      }
    }
  });
}

/** The id, name and reference of a tactic, technique or sub-technique, when they are strings. */
function entryOf(tree: TomlTree, table: TomlNode): Entry {
  const entry: Entry = {};
  for (const key of ['id', 'name', 'reference'] as const) {
    const node = tree.child(table, key);
    if (node?.kind === 'string') entry[key] = node;
  }
  return entry;
}

function checkTactic(entry: Entry, sink: DiagnosticSink): AttackTactic | undefined {
  if (!entry.id) return undefined;
  const id = entry.id.value as string;
  const found = /^TA\d{4}$/.test(id) ? findTactic(id) : undefined;
  if (!found) {
    sink.error(entry.id.span, 'rule-unknown-tactic', `${quote(id)} is not an ATT&CK tactic id (TA0001 to TA0043)`);
    return undefined;
  }
  if (entry.name && entry.name.value !== found.name) {
    sink.error(entry.name.span, 'rule-tactic-name-mismatch', `tactic ${found.id} is named ${quote(found.name)}, not ${quote(entry.name.value)}`);
  }
  checkReference(entry.reference, TACTIC_URL, `https://attack.mitre.org/tactics/${found.id}/`, referencedId(entry.reference, 1), found.id, sink);
  return found;
}

/** Returns the technique id when it is a current catalog technique. */
function checkTechnique(entry: Entry, tactic: AttackTactic | undefined, sink: DiagnosticSink): string | undefined {
  if (!entry.id) return undefined;
  const id = entry.id.value as string;
  if (!TECHNIQUE_ID.test(id)) {
    const hint = SUBTECHNIQUE_ID.test(id) ? `; list sub-technique ${id} under \`subtechnique\` of ${id.slice(0, 5)}` : ' (expected T1234)';
    sink.error(entry.id.span, 'rule-invalid-technique-id', `${quote(id)} is not a technique id${hint}`);
    return undefined;
  }
  const found = checkTechniqueStatus(id, entry.id.span, 'rule', sink);
  if (!found) return undefined;
  if (entry.name && entry.name.value !== found.name) {
    sink.error(entry.name.span, 'rule-technique-name-mismatch', `technique ${found.id} is named ${quote(found.name)}, not ${quote(entry.name.value)}`);
  }
  if (tactic && !found.tactics.includes(tactic.id)) {
    const homes = found.tactics.map((t) => findTactic(t)?.name ?? t).join(', ');
    sink.error(entry.id.span, 'rule-technique-tactic-mismatch', `${describeTechnique(found)} is not a technique of tactic ${tactic.name} (${tactic.id}); it belongs to ${homes}`);
  }
  checkReference(entry.reference, TECHNIQUE_URL, `https://attack.mitre.org/techniques/${found.id}/`, referencedId(entry.reference, 1), found.id, sink);
  return found.id;
}

function checkSubtechnique(entry: Entry, parentId: string | undefined, sink: DiagnosticSink): void {
  if (!entry.id) return;
  const id = entry.id.value as string;
  if (!SUBTECHNIQUE_ID.test(id)) {
    sink.error(entry.id.span, 'rule-invalid-technique-id', `${quote(id)} is not a sub-technique id (expected T1234.001)`);
    return;
  }
  if (parentId && !id.startsWith(parentId + '.')) {
    sink.error(entry.id.span, 'rule-subtechnique-parent-mismatch', `sub-technique ${id} does not belong to technique ${parentId}; list it under ${id.slice(0, 5)}`);
  }
  const found = checkTechniqueStatus(id, entry.id.span, 'rule', sink);
  if (!found) return;
  if (entry.name && entry.name.value !== found.name) {
    sink.error(entry.name.span, 'rule-technique-name-mismatch', `sub-technique ${found.id} is named ${quote(found.name)}, not ${quote(entry.name.value)}`);
  }
  const [parent, child] = found.id.split('.');
  checkReference(entry.reference, SUBTECHNIQUE_URL, `https://attack.mitre.org/techniques/${parent}/${child}/`, referencedId(entry.reference, 2), found.id, sink);
}

/** The id a reference URL points at: its last path segment, or the last two joined by `.` for sub-techniques. */
function referencedId(reference: TomlNode | undefined, segments: number): string | undefined {
  if (!reference) return undefined;
  const parts = (reference.value as string).split('/').filter((part) => part !== '');
  return parts.slice(-segments).join('.');
}

function checkReference(reference: TomlNode | undefined, pattern: RegExp, expected: string, pointsAt: string | undefined, id: string, sink: DiagnosticSink): void {
  if (!reference) return;
  // Upstream appends the missing trailing slash before matching.
  let url = reference.value as string;
  if (/^[a-z]+:/i.test(url) && !url.endsWith('/')) url += '/';
  if (!pattern.test(url)) {
    sink.error(reference.span, 'rule-invalid-reference', `${quote(reference.value)} is not an ATT&CK URL; expected ${quote(expected)}`);
  } else if (pointsAt !== id) {
    sink.error(reference.span, 'rule-reference-mismatch', `the reference points at ${pointsAt}, not ${id}; expected ${quote(expected)}`);
  }
}
