// Time zones for `SET time_zone` and DATE_PARSE's `time_zone` option: UTC, fixed
// offsets (`+03:00`) and region ids (`Europe/Paris`, offsets from the platform's
// time zone database through Intl).
export interface TimeZone {
  id: string;
  /** Milliseconds to add to a UTC instant to get its wall-clock time. */
  offsetAt(utc: number): number;
  /** The instant of a wall-clock time (as epoch millis of that time read as UTC); in a gap, after it; in an overlap, the earlier. */
  toUtc(local: number): number;
}

export const UTC: TimeZone = { id: 'Z', offsetAt: () => 0, toUtc: (local) => local };

function fixedZone(id: string, offset: number): TimeZone {
  return { id, offsetAt: () => offset, toUtc: (local) => local - offset };
}

function regionZone(id: string): TimeZone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: id,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const cache = new Map<number, number>();
  const offsetAt = (utc: number): number => {
    // Offsets change on whole minutes: cache by minute.
    const minute = Math.floor(utc / 60_000);
    let offset = cache.get(minute);
    if (offset === undefined) {
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(minute * 60_000))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
      const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
      offset = local - minute * 60_000;
      if (cache.size > 4096) cache.clear();
      cache.set(minute, offset);
    }
    return offset;
  };
  return {
    id,
    offsetAt,
    toUtc(local) {
      // Offsets valid for this wall time, from those in force around it (largest first).
      const around = [...new Set([offsetAt(local - 50_400_000), offsetAt(local), offsetAt(local + 50_400_000)])].sort((x, y) => y - x);
      const valid = around.filter((offset) => offsetAt(local - offset) === offset);
      // Overlap: the earlier instant (larger offset); gap: the offset before the change, which lands later.
      return local - (valid.length > 0 ? valid[0]! : offsetAt(local - 50_400_000));
    },
  };
}

const OFFSET = /^(?:Z|UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** The zone an id names, or undefined when it names none. */
export function timeZone(id: string): TimeZone | undefined {
  if (/^(Z|UTC|GMT|[+-]00(:?00)?)$/i.test(id)) return UTC;
  const m = OFFSET.exec(id);
  if (m) {
    const offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
    return fixedZone(id, offset);
  }
  try {
    return regionZone(id);
  } catch {
    return undefined;
  }
}

/** `+01:00`, or `Z` at zero offset, as ISO-8601 prints an offset. */
export function formatOffset(offset: number, zeroAsZ = true, colon = true): string {
  if (offset === 0 && zeroAsZ) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${sign}${hh}${colon ? ':' : ''}${mm}`;
}
