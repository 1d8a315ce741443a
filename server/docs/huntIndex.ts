// `hunting/index.yml` and `hunting/index.md` as upstream's `generate-markdown` leaves them.
//
// Upstream loads the existing index.yml, sets `index[platform][uuid]` for every hunt it
// processes (an existing uuid keeps its place, a new one goes last; entries of deleted
// hunts stay) and dumps it again with PyYAML, unsorted. So the file's order is history:
// reproducing it byte for byte means updating the index already on disk the same way.
import { pyyamlDump } from './pyyamlDump.ts';
import type { YamlValue } from './pyyamlDump.ts';
import { compareCodePoints } from '../library/codePointOrder.ts';

export interface HuntIndexEntry {
  name: string;
  /** `./<platform>/queries/<name>.toml`, relative to the hunting directory. */
  path: string;
  mitre: string[];
}

/** Platform folder → hunt uuid → entry, in file order. */
export type HuntIndex = Map<string, Map<string, HuntIndexEntry>>;

export interface IndexedHunt {
  platform: string;
  uuid: string;
  name: string;
  /** Path below the hunting directory with `/` separators. */
  relativePath: string;
  mitre: string[];
}

/** A copy of `index` with every hunt set in the order given (later hunts win a shared uuid). */
export function updateHuntIndex(index: HuntIndex, hunts: readonly IndexedHunt[]): HuntIndex {
  const updated: HuntIndex = new Map([...index].map(([platform, entries]) => [platform, new Map(entries)]));
  for (const hunt of hunts) {
    const entry: HuntIndexEntry = { name: hunt.name, path: `./${hunt.relativePath}`, mitre: [...hunt.mitre] };
    const entries = updated.get(hunt.platform);
    if (entries) entries.set(hunt.uuid, entry);
    else updated.set(hunt.platform, new Map([[hunt.uuid, entry]]));
  }
  return updated;
}

export function huntIndexYaml(index: HuntIndex): string {
  const document = new Map<string, YamlValue>(
    [...index].map(([platform, entries]) => [
      platform,
      new Map<string, YamlValue>(
        [...entries].map(([uuid, entry]) => [
          uuid,
          new Map<string, YamlValue>([
            ['name', entry.name],
            ['path', entry.path],
            ['mitre', entry.mitre],
          ]),
        ]),
      ),
    ]),
  );
  return pyyamlDump(document);
}

export function huntIndexMarkdown(index: HuntIndex): string {
  let page = '# List of Available Queries\n\nHere are the queries currently available:\n';
  for (const platform of [...index.keys()].sort(compareCodePoints)) {
    page += `\n\n## ${platform}\n`;
    const entries = [...index.get(platform)!.values()].sort((a, b) => compareCodePoints(a.name, b.name));
    for (const entry of entries) {
      // Upstream derives the doc path by plain substring replacement and labels every hunt ES|QL.
      const docPath = entry.path.replaceAll('queries', 'docs').replaceAll('.toml', '.md');
      page += `- [${entry.name}](${docPath}) (ES|QL)\n`;
    }
  }
  return page;
}
