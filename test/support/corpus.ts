// Test-only access to the reference corpus in ../shared (never used by the product).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import type { QueryLanguage } from '../../server/common/language.ts';
import { huntQueryLanguage, ruleLanguage, straySqlPrefixLength } from '../../server/document/queryLanguage.ts';

export const SHARED = resolve(import.meta.dirname, '../../../shared');
export const CORPUS = join(SHARED, 'corpus/detection-rules');

export function corpusAvailable(): boolean {
  return existsSync(CORPUS);
}

export function tomlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.toml')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export interface CorpusQuery {
  file: string;
  /** Index in a hunt's query list; 0 for a rule. */
  index: number;
  /** `query`, `threat_query`, ... */
  key: string;
  language: QueryLanguage;
  /** The query text with any stray leading `sql` line removed. */
  text: string;
}

/** Every query in the corpus (rules, building blocks and hunts) with its language. */
export function corpusQueries(): CorpusQuery[] {
  const out: CorpusQuery[] = [];
  const roots = ['rules', 'rules_building_block'].map((r) => join(CORPUS, r));
  for (const root of roots) {
    for (const file of tomlFiles(root)) {
      const data = getStaticTOMLValue(parseTOML(readFileSync(file, 'utf8'))) as any;
      const rule = data.rule;
      if (!rule) continue;
      const language = ruleLanguage(rule.language, rule.type);
      if (!language) continue;
      if (typeof rule.query === 'string') out.push({ file, index: 0, key: 'query', language, text: rule.query });
      if (typeof rule.threat_query === 'string') out.push({ file, index: 0, key: 'threat_query', language: 'kuery', text: rule.threat_query });
    }
  }
  for (const file of tomlFiles(join(CORPUS, 'hunting'))) {
    const data = getStaticTOMLValue(parseTOML(readFileSync(file, 'utf8'))) as any;
    const hunt = data.hunt;
    if (!hunt || !Array.isArray(hunt.query)) continue;
    hunt.query.forEach((q: string, index: number) => {
      const language = huntQueryLanguage(hunt.language ?? [], q);
      if (!language) return;
      out.push({ file, index, key: 'query', language, text: q.slice(straySqlPrefixLength(q)) });
    });
  }
  return out;
}
