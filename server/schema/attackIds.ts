// ATT&CK technique ids as hunts and rules use them: format, and what the shipped
// catalog says about each (unknown, revoked in favour of another, deprecated).
import type { DiagnosticSink, Span } from '../common/diagnostics.ts';
import { technique, type AttackTechnique } from '../data/attack.ts';

export const TECHNIQUE_ID = /^T\d{4}$/;
export const SUBTECHNIQUE_ID = /^T\d{4}\.\d{3}$/;
/** MITRE ATLAS ids (AI systems), e.g. AML.T0051 or AML.T0051.000: not in the ATT&CK catalog. */
export const ATLAS_ID = /^AML\.T\d{4}(\.\d{3})?$/;

export function describeTechnique(t: AttackTechnique): string {
  return `${t.id} (${t.name})`;
}

/**
 * Reports an id the catalog does not know, or knows as revoked or deprecated, under
 * `<prefix>-unknown-technique`, `<prefix>-revoked-technique` and `<prefix>-deprecated-technique`.
 * Returns the catalog entry unless the id is unknown or revoked.
 */
export function checkTechniqueStatus(id: string, span: Span, prefix: string, sink: DiagnosticSink): AttackTechnique | undefined {
  const found = technique(id);
  // Upstream accepts ids its own catalog no longer lists (revoked, or from ATT&CK Mobile/ICS):
  // they are worth fixing, so warn, but they do not make the file invalid.
  if (!found) {
    sink.warning(span, `${prefix}-unknown-technique`, `${id} is not a technique of ATT&CK Enterprise v18, the catalog Huntkit checks against (Mobile and ICS techniques are not in it)`);
    return undefined;
  }
  if (found.revoked) {
    const replacement = found.revoked_by ? technique(found.revoked_by) : undefined;
    const instead = replacement ? `use ${describeTechnique(replacement)} instead` : found.revoked_by ? `use ${found.revoked_by} instead` : 'it has no replacement';
    sink.warning(span, `${prefix}-revoked-technique`, `${describeTechnique(found)} was revoked by MITRE; ${instead}`);
    return undefined;
  }
  if (found.deprecated) {
    sink.warning(span, `${prefix}-deprecated-technique`, `${describeTechnique(found)} is deprecated by MITRE and should no longer be used`);
  }
  return found;
}
