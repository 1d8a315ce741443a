// The MITRE ATT&CK Enterprise catalog shipped with Huntkit (see ATTACK-LICENSE.txt beside this file).
import catalog from './attack-enterprise.json' with { type: 'json' };

export interface AttackTactic {
  id: string;
  name: string;
  shortname: string;
  url: string;
  deprecated: boolean;
  description: string;
}

export interface AttackTechnique {
  id: string;
  name: string;
  url: string;
  subtechnique: boolean;
  tactics: string[];
  platforms: string[];
  deprecated: boolean;
  revoked: boolean;
  revoked_by?: string;
  description: string;
}

export const ATTACK_NOTICE: string = catalog.license;
export const tactics: readonly AttackTactic[] = catalog.tactics as AttackTactic[];
export const techniques: readonly AttackTechnique[] = catalog.techniques as AttackTechnique[];

const tacticsById = new Map(tactics.map((t) => [t.id, t]));
const tacticsByName = new Map(tactics.map((t) => [t.name.toLowerCase(), t]));
const techniquesById = new Map(techniques.map((t) => [t.id, t]));

export function tactic(idOrName: string): AttackTactic | undefined {
  return tacticsById.get(idOrName) ?? tacticsByName.get(idOrName.toLowerCase());
}

export function technique(id: string): AttackTechnique | undefined {
  return techniquesById.get(id);
}

/** T1071.001 → T1071; a technique id is its own parent. */
export function parentTechniqueId(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}
