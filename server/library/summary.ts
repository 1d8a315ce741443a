// Hunt counts by platform, integration or language (upstream's `hunt-summary`).
import type { HuntRecord } from './huntLibrary.ts';
import { compareCodePoints } from './codePointOrder.ts';

export type SummaryBreakdown = 'platform' | 'integration' | 'language';

export interface SummaryRow {
  key: string;
  /** How many hunts have this key. */
  count: number;
}

/** Hunt counts, largest first, ties in code-point order of the key. */
export function summarize(hunts: readonly HuntRecord[], breakdown: SummaryBreakdown): SummaryRow[] {
  const counts = new Map<string, number>();
  for (const hunt of hunts) {
    for (const key of new Set(summaryKeys(hunt, breakdown))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || compareCodePoints(a.key, b.key));
}

function summaryKeys(hunt: HuntRecord, breakdown: SummaryBreakdown): string[] {
  switch (breakdown) {
    case 'platform':
      return [hunt.platform];
    case 'integration':
      return hunt.integration;
    case 'language':
      // Upstream names osquery's SQL after the tool that runs it.
      return hunt.language.map((language) => (language === 'SQL' ? 'OSQuery' : language));
  }
}
