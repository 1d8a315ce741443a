// Value formats shared by the hunt and rule schemas, as upstream defines them
// (elastic/detection-rules detection_rules/schemas/definitions.py).

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Malformed rule ids that shipped before upstream tightened its pattern; upstream accepts them. */
export const KNOWN_BAD_RULE_IDS: ReadonlySet<string> = new Set(['119c8877-8613-416d-a98a-96b6664ee73a5', '7eb54028-ca72-4eb7-8185-b6864572347db']);

export const DATE_PATTERN = /^\d{4}\/\d{2}\/\d{2}$/;
export const INTERVAL_PATTERN = /^\d+[mshd]$/;
/** Upstream's rule test accepts only a relative start such as `now-9m`. */
export const FROM_PATTERN = /^now-\d+[yMwdhHms]$/;
export const SEMVER_PATTERN = /^\d+\.\d+(\.\d+[\w-]*)*$/;
export const RULE_NAME_PATTERN = /^[a-zA-Z0-9].+?[a-zA-Z0-9[\]()]$/;
export const TACTIC_URL = /^(https:\/\/attack\.mitre\.org\/tactics\/TA[0-9]+\/|https:\/\/atlas\.mitre\.org\/tactics\/AML\.TA[0-9]+\/)$/;
export const TECHNIQUE_URL = /^(https:\/\/attack\.mitre\.org\/techniques\/T[0-9]+\/|https:\/\/atlas\.mitre\.org\/techniques\/AML\.T[0-9]+\/)$/;
export const SUBTECHNIQUE_URL = /^(https:\/\/attack\.mitre\.org\/techniques\/T[0-9]+\/[0-9]+\/|https:\/\/atlas\.mitre\.org\/techniques\/AML\.T[0-9]+\.[0-9]+\/)$/;

/** A `YYYY/MM/DD` date that exists in the calendar. */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

const SPAN_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90m` → 5400000; undefined for a span upstream cannot convert (e.g. `2w`). */
export function timeSpanMs(span: string): number | undefined {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(span);
  return m ? Number(m[1]) * SPAN_UNITS_MS[m[2]] : undefined;
}

/** Compares dotted versions numerically: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
