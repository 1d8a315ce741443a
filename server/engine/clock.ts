// The engine's notion of "now". Runs are reproducible when `now` is fixed
// (the CLI's `--now ISO`); date math (`now-7d`, `now/d`) is evaluated with
// @elastic/datemath against that clock, in UTC as Elasticsearch does by default.
import datemathExports from '@elastic/datemath';
import moment from 'moment';
import { parseIsoDate } from './values.ts';

export interface Clock {
  /** Epoch milliseconds of "now". */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock stopped at the given instant (epoch millis or ISO-8601 text). */
export function fixedClock(instant: number | string): Clock {
  const millis = typeof instant === 'number' ? instant : parseNowOption(instant);
  return { now: () => millis };
}

/** Reads a `--now` value: ISO-8601 (no zone = UTC) or epoch millis. Throws a user-facing message otherwise. */
export function parseNowOption(text: string): number {
  const trimmed = text.trim();
  const millis = /^-?\d+$/.test(trimmed) && trimmed.length > 4 ? Number(trimmed) : parseIsoDate(trimmed);
  if (millis === undefined || !Number.isFinite(millis)) {
    throw new Error(`--now expects an ISO-8601 date such as 2024-05-01T12:00:00Z or epoch milliseconds, got "${text}"`);
  }
  return millis;
}

// The package is CommonJS (`module.exports = exports.default`); its typings describe an ES default export.
const datemath = datemathExports as unknown as (typeof datemathExports)['default'];

// Elasticsearch rounds `/w` to Monday (ISO weeks); moment's default locale starts weeks on Sunday.
// defineLocale also switches moment's global locale, so the previous one is restored.
const ISO_WEEK_LOCALE = 'huntkit-iso-week';
if (!moment.locales().includes(ISO_WEEK_LOCALE)) {
  const previous = moment.locale();
  moment.defineLocale(ISO_WEEK_LOCALE, { parentLocale: 'en', week: { dow: 1, doy: 4 } });
  moment.locale(previous);
}

// moment in UTC with ISO weeks, plus moment's static helpers datemath calls (isMoment).
const utcMoment = Object.assign(
  (input?: moment.MomentInput) => moment.utc(input).locale(ISO_WEEK_LOCALE),
  moment,
) as unknown as typeof moment;

export interface DateMathOptions {
  /** Round `/unit` up to the end of the unit (for the upper bound of a range). */
  roundUp?: boolean;
}

/**
 * Epoch millis of an Elasticsearch date-math expression (`now-7d`, `now/d`,
 * `2024-05-01||+1M/d`) evaluated against `clock`; undefined when it does not parse.
 */
export function resolveDateMath(expression: string, clock: Clock, options: DateMathOptions = {}): number | undefined {
  const text = expression.trim();
  let anchor = text;
  let math = '';
  if (!text.startsWith('now')) {
    // datemath hands the anchor to moment, which guesses at non-ISO text: validate it ourselves.
    const bars = text.indexOf('||');
    anchor = bars < 0 ? text : text.slice(0, bars);
    math = bars < 0 ? '' : text.slice(bars + 2);
    const anchorMillis = parseIsoDate(anchor);
    if (anchorMillis === undefined) return undefined;
    anchor = new Date(anchorMillis).toISOString();
    if (math === '') return anchorMillis;
  }
  const input = text.startsWith('now') ? text : `${anchor}||${math}`;
  const result = datemath.parse(input, { roundUp: options.roundUp, forceNow: new Date(clock.now()), momentInstance: utcMoment });
  return result && result.isValid() ? result.valueOf() : undefined;
}
