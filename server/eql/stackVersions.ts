// The first Elastic Stack release in which each gated EQL feature runs, for
// rules that declare a `min_stack_version`. Only features whose release is
// established are listed:
// - optional fields `?field`: elastic/elasticsearch#79677, backported to 7.16 (#79807);
// - `with runs=N`: elastic/elasticsearch#75082 / #78895, 7.16 (detection-rules gates `allow_runs` at 7.16.0);
// - `sample`: 8.6 (samples documented from 8.6, elastic/elasticsearch#92622; detection-rules gates `allow_sample` at 8.6.0);
// - missing events `![...]`: elastic/elasticsearch#92348, released with 8.9 (detection-rules:
//   "available to rules 8.9.0 and up", elastic/detection-rules#3153).

export type GatedFeature = 'optional-field' | 'runs' | 'sample' | 'missing-event';

export interface FeatureGate {
  since: string;
  /** Names the feature in messages. */
  description: string;
}

export const FEATURE_GATES: Readonly<Record<GatedFeature, FeatureGate>> = {
  'optional-field': { since: '7.16.0', description: 'optional fields (`?field`)' },
  runs: { since: '7.16.0', description: '`with runs=N`' },
  sample: { since: '8.6.0', description: '`sample` queries' },
  'missing-event': { since: '8.9.0', description: 'missing events (`![...]`)' },
};

/** `[major, minor, patch]` of "8.14.0", "8.14" or "8.14.0-SNAPSHOT"; undefined when unreadable. */
export function parseStackVersion(version: string): [number, number, number] | undefined {
  const match = /^\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

/** True when `version` is older than `since`; false when either is unreadable. */
export function isBefore(version: string, since: string): boolean {
  const a = parseStackVersion(version);
  const b = parseStackVersion(since);
  if (!a || !b) return false;
  for (let i = 0; i < 3; i++) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]!;
  }
  return false;
}
