// Finding hunts by ATT&CK tactic or technique, data source, keyword or uuid.
import { tactic as tacticByIdOrName, tactics, technique as techniqueById, parentTechniqueId } from '../data/attack.ts';
import type { AttackTactic } from '../data/attack.ts';
import type { HuntRecord } from './huntLibrary.ts';

export interface HuntSearch {
  /** A tactic id (`TA0003`), name (`Persistence`) or short name (`persistence`). */
  tactic?: string;
  /** A technique id; `T1071` also matches its sub-techniques (`T1071.001`). */
  technique?: string;
  /** A sub-technique id, matched exactly. */
  subtechnique?: string;
  /** A platform folder (`aws`), an integration (`aws.cloudtrail`) or an integration's package (`aws`). */
  dataSource?: string;
  /** Case-insensitive text in the name, description, notes or references. */
  keyword?: string;
}

/** The tactic a search term names, by id, name or short name. */
export function resolveTactic(term: string): AttackTactic | undefined {
  const wanted = term.trim();
  return tacticByIdOrName(wanted.toUpperCase()) ?? tacticByIdOrName(wanted) ?? tactics.find((t) => t.shortname === wanted.toLowerCase());
}

/** Hunts matching every given criterion, in library order. An unknown tactic matches nothing. */
export function searchHunts(hunts: readonly HuntRecord[], search: HuntSearch): HuntRecord[] {
  const tests: ((hunt: HuntRecord) => boolean)[] = [];
  if (search.tactic !== undefined) {
    const tacticId = resolveTactic(search.tactic)?.id;
    tests.push((hunt) => tacticId !== undefined && hunt.mitre.some((id) => techniqueTactics(id).includes(tacticId)));
  }
  if (search.technique !== undefined) {
    const wanted = search.technique.trim().toUpperCase();
    const withSubtechniques = !wanted.includes('.');
    tests.push((hunt) => hunt.mitre.some((id) => id.toUpperCase() === wanted || (withSubtechniques && id.toUpperCase().startsWith(`${wanted}.`))));
  }
  if (search.subtechnique !== undefined) {
    const wanted = search.subtechnique.trim().toUpperCase();
    tests.push((hunt) => hunt.mitre.some((id) => id.toUpperCase() === wanted));
  }
  if (search.dataSource !== undefined) {
    const wanted = search.dataSource.trim().toLowerCase();
    tests.push(
      (hunt) =>
        hunt.platform.toLowerCase() === wanted ||
        hunt.integration.some((integration) => {
          const name = integration.toLowerCase();
          return name === wanted || name.split('.')[0] === wanted;
        }),
    );
  }
  if (search.keyword !== undefined) {
    const wanted = search.keyword.toLowerCase();
    tests.push((hunt) => [hunt.name, hunt.description, ...hunt.notes, ...hunt.references].some((text) => text.toLowerCase().includes(wanted)));
  }
  return hunts.filter((hunt) => tests.every((test) => test(hunt)));
}

/** The tactics of a technique id; a sub-technique missing from the catalog falls back to its parent's. */
function techniqueTactics(id: string): string[] {
  const upper = id.toUpperCase();
  return (techniqueById(upper) ?? techniqueById(parentTechniqueId(upper)))?.tactics ?? [];
}

/**
 * The hunt a uuid designates. When several files share a uuid, upstream's index keeps
 * the last one it processed, so this returns that one too.
 */
export function findHuntByUuid(hunts: readonly HuntRecord[], uuid: string): HuntRecord | undefined {
  return hunts.findLast((hunt) => hunt.uuid === uuid);
}

/** Uuids that more than one hunt file declares, with those files in library order. */
export function duplicateUuids(hunts: readonly HuntRecord[]): Map<string, HuntRecord[]> {
  const byUuid = new Map<string, HuntRecord[]>();
  for (const hunt of hunts) byUuid.set(hunt.uuid, [...(byUuid.get(hunt.uuid) ?? []), hunt]);
  return new Map([...byUuid].filter(([, sharing]) => sharing.length > 1));
}
