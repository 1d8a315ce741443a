// The stateful stage of a `sequence` query, following Elasticsearch's
// SequenceMatcher. Events arrive unordered, so the sink keeps those that match
// a term (with the terms they match) and, when the input ends, replays them in
// timestamp/tiebreaker order:
// - an event matching the first term starts a sequence for each of its join
//   keys; an event matching term i advances the latest sequence of the same key
//   waiting at term i-1 (terms are tried last to first, so one event never
//   fills two consecutive terms). Per key and term only the latest sequence is
//   kept: Elasticsearch drops the earlier ones when it advances a later one.
// - `with maxspan`: a sequence whose end would be further than maxspan from its
//   start is dropped; sequences that can no longer complete expire, which keeps
//   the in-flight state bounded by the keys seen within one maxspan.
// - `until`: an until event drops every in-flight sequence of its key.
// - missing events `![...]`: sequences are matched on the other terms, then
//   checked against the events of the missing terms (between the neighbouring
//   terms; before the first / after the last within maxspan) as Elasticsearch's
//   TumblingWindow does.
// Completed sequences are ordered by their last event, then by key.
import type { EventSequence, QuerySink } from '../contract.ts';
import type { EventDocument } from '../values.ts';
import type { Condition } from './expressions.ts';
import { compareJoinKeys } from './joinKeys.ts';
import type { JoinKey, KeyReader } from './joinKeys.ts';
import { applyWindow, windowReach } from './limits.ts';
import type { ResultWindow } from './limits.ts';
import { compareOrdinals, compareTimes, nanosBetween } from './ordering.ts';
import type { Ordinal, OrdinalReader } from './ordering.ts';

export interface SequenceTerm {
  condition: Condition;
  keys: KeyReader;
}

export interface SequencePlan {
  /** Distinct terms in query order (a term `with runs=N` is one term used by N stages). */
  terms: readonly SequenceTerm[];
  /** For each stage, the index of its term. */
  stageTerms: readonly number[];
  /** For each stage, whether it is a missing event `![...]`. */
  missing: readonly boolean[];
  until?: SequenceTerm;
  /** Maximum span in nanoseconds; undefined without `with maxspan`. */
  maxspanNanos?: number;
  window: ResultWindow;
  ordinals: OrdinalReader;
}

/** An event kept for replay, with the terms it matched. */
interface Candidate {
  event: EventDocument;
  ordinal: Ordinal;
  terms: number[];
  until: boolean;
}

/** A sequence in progress or complete; `matches[stage]` is filled for the positive stages reached. */
interface SequenceState {
  key: JoinKey;
  matches: (Candidate | undefined)[];
  start: Ordinal;
}

/** How often (in replayed events) expired sequences are swept. */
const EXPIRY_SWEEP_INTERVAL = 1024;

/** A missing-event placeholder: Elasticsearch returns such events without a source. */
const MISSING_EVENT: EventDocument = Object.freeze({}) as EventDocument;

export function createSequenceSink(plan: SequencePlan): QuerySink {
  const candidates: Candidate[] = [];
  let seq = 0;
  return {
    push(event) {
      const ordinal = plan.ordinals.read(event, seq++);
      if (!ordinal) return;
      const terms: number[] = [];
      for (let t = 0; t < plan.terms.length; t++) if (plan.terms[t]!.condition(event)) terms.push(t);
      const until = plan.until ? plan.until.condition(event) : false;
      if (terms.length > 0 || until) candidates.push({ event, ordinal, terms, until });
    },
    finish() {
      candidates.sort((a, b) => compareOrdinals(a.ordinal, b.ordinal));
      return { kind: 'sequences', sequences: new SequenceMatcher(plan).run(candidates) };
    },
  };
}

class SequenceMatcher {
  private readonly positive: number[];
  private readonly first: number;
  private readonly last: number;
  /** For each positive stage but the last: key id → the latest sequence waiting there. */
  private readonly inFlight: Map<string, SequenceState>[];
  private readonly previousPositive: number[];
  private readonly hasMissing: boolean;
  /** For each missing stage: key id → times of the events matching it, ascending. */
  private readonly missingTimes: Map<string, Ordinal[]>[];
  private readonly completed: SequenceState[] = [];

  constructor(private readonly plan: SequencePlan) {
    const stages = plan.stageTerms.length;
    this.positive = [...Array(stages).keys()].filter((s) => !plan.missing[s]);
    this.first = this.positive[0]!;
    this.last = this.positive[this.positive.length - 1]!;
    this.inFlight = Array.from({ length: stages }, () => new Map<string, SequenceState>());
    this.previousPositive = Array.from({ length: stages }, (_, s) => {
      for (let p = s - 1; p >= 0; p--) if (!plan.missing[p]) return p;
      return -1;
    });
    this.hasMissing = plan.missing.some(Boolean);
    this.missingTimes = Array.from({ length: stages }, () => new Map<string, Ordinal[]>());
  }

  run(events: readonly Candidate[]): EventSequence[] {
    const window = this.plan.window;
    const reach = windowReach(window);
    // Without missing events, completions come in order: a head window can stop early.
    const stopAt = !this.hasMissing && !window.fromEnd ? reach : Infinity;
    for (let i = 0; i < events.length; i++) {
      this.replay(events[i]!);
      if (this.completed.length >= stopAt) break;
      if (!this.hasMissing && window.fromEnd) this.trimCompleted(reach);
      if (this.plan.maxspanNanos !== undefined && i % EXPIRY_SWEEP_INTERVAL === EXPIRY_SWEEP_INTERVAL - 1) this.expire(events[i]!.ordinal);
    }
    const accepted = this.hasMissing ? this.completed.filter((sequence) => this.passesMissingChecks(sequence)) : this.completed;
    const ordered = accepted
      .map((sequence, index) => ({ sequence, index }))
      .sort((a, b) => compareOrdinals(this.end(a.sequence), this.end(b.sequence)) || compareJoinKeys(a.sequence.key, b.sequence.key) || a.index - b.index)
      .map((entry) => entry.sequence);
    return applyWindow(ordered, window).map((sequence) => this.toOutput(sequence));
  }

  private replay(candidate: Candidate): void {
    const plan = this.plan;
    const keysOfTerm = new Map<number, JoinKey[]>();
    const keys = (term: number): JoinKey[] => {
      let found = keysOfTerm.get(term);
      if (!found) {
        found = plan.terms[term]!.keys.read(candidate.event);
        keysOfTerm.set(term, found);
      }
      return found;
    };
    for (let p = this.positive.length - 1; p >= 0; p--) {
      const stage = this.positive[p]!;
      const term = plan.stageTerms[stage]!;
      if (!candidate.terms.includes(term)) continue;
      for (const key of keys(term)) this.match(stage, key, candidate);
    }
    if (candidate.until) {
      for (const key of plan.until!.keys.read(candidate.event)) for (const waiting of this.inFlight) waiting.delete(key.id);
    }
    if (this.hasMissing) {
      for (let stage = 0; stage < plan.missing.length; stage++) {
        if (!plan.missing[stage]) continue;
        const term = plan.stageTerms[stage]!;
        if (!candidate.terms.includes(term)) continue;
        for (const key of keys(term)) {
          const times = this.missingTimes[stage]!;
          let list = times.get(key.id);
          if (!list) times.set(key.id, (list = []));
          list.push(candidate.ordinal);
        }
      }
    }
  }

  private match(stage: number, key: JoinKey, candidate: Candidate): void {
    const stages = this.plan.stageTerms.length;
    let sequence: SequenceState;
    if (stage === this.first) {
      sequence = { key, matches: new Array<Candidate | undefined>(stages).fill(undefined), start: candidate.ordinal };
    } else {
      const previous = this.inFlight[this.previousPositive[stage]!]!;
      const waiting = previous.get(key.id);
      if (!waiting) return;
      previous.delete(key.id);
      const maxspan = this.plan.maxspanNanos;
      if (maxspan !== undefined && nanosBetween(waiting.start, candidate.ordinal) > maxspan) return;
      sequence = waiting;
    }
    sequence.matches[stage] = candidate;
    if (stage === this.last) {
      this.completed.push(sequence);
      return;
    }
    const here = this.inFlight[stage]!;
    // Re-inserting keeps each map in the order sequences arrived, oldest first, for expiry.
    here.delete(key.id);
    here.set(key.id, sequence);
  }

  /** Drops in-flight sequences that started more than maxspan before `now`: no later event can complete them. */
  private expire(now: Ordinal): void {
    const maxspan = this.plan.maxspanNanos!;
    for (const waiting of this.inFlight) {
      for (const [id, sequence] of waiting) {
        if (nanosBetween(sequence.start, now) > maxspan) waiting.delete(id);
      }
    }
  }

  /** For a tail window, keeps only the completions that can still be in it (whole events at the boundary). */
  private trimCompleted(reach: number): void {
    const completed = this.completed;
    if (completed.length <= 2 * reach + 64) return;
    let cut = completed.length - reach;
    while (cut > 0 && this.end(completed[cut - 1]!) === this.end(completed[cut]!)) cut--;
    completed.splice(0, cut);
  }

  private end(sequence: SequenceState): Ordinal {
    return sequence.matches[this.last]!.ordinal;
  }

  /**
   * Elasticsearch's check of a sequence against its missing terms: any event of
   * a missing term between its neighbours discards the sequence; leading and
   * trailing missing terms discard it only when their nearest events fit within
   * maxspan together with the sequence.
   */
  private passesMissingChecks(sequence: SequenceState): boolean {
    const plan = this.plan;
    const stages = plan.stageTerms.length;
    const start = sequence.matches[this.first]!.ordinal;
    const end = this.end(sequence);
    let lastLeading: Ordinal | undefined;
    let firstTrailing: Ordinal | undefined;
    for (let stage = 0; stage < stages; stage++) {
      if (!plan.missing[stage]) continue;
      const times = this.missingTimes[stage]!.get(sequence.key.id) ?? [];
      if (stage < this.first) {
        const nearest = lastBefore(times, start.ms);
        if (nearest && (!lastLeading || compareTimes(lastLeading, nearest) < 0)) lastLeading = nearest;
      } else if (stage > this.last) {
        const nearest = firstAfter(times, end.ms);
        if (nearest && (!firstTrailing || compareTimes(nearest, firstTrailing) < 0)) firstTrailing = nearest;
      } else {
        const before = sequence.matches[this.previousPositive[stage]!]!.ordinal;
        const after = sequence.matches[this.nextPositive(stage)]!.ordinal;
        const nearest = firstAfter(times, before.ms);
        if (nearest && (nearest.ms < after.ms)) return false;
      }
    }
    const leadingStage = plan.missing[0]!;
    const trailingStage = plan.missing[stages - 1]!;
    const exceeds = (from: Ordinal | undefined, to: Ordinal | undefined): boolean =>
      from === undefined || to === undefined || (plan.maxspanNanos !== undefined && nanosBetween(from, to) > plan.maxspanNanos);
    return (
      (firstTrailing === undefined && lastLeading === undefined) ||
      (lastLeading === undefined && leadingStage) ||
      (firstTrailing === undefined && trailingStage) ||
      (leadingStage && trailingStage && exceeds(lastLeading, firstTrailing)) ||
      (leadingStage && !trailingStage && exceeds(lastLeading, end)) ||
      (!leadingStage && trailingStage && exceeds(start, firstTrailing))
    );
  }

  private nextPositive(stage: number): number {
    for (const p of this.positive) if (p > stage) return p;
    return -1;
  }

  private toOutput(sequence: SequenceState): EventSequence {
    return {
      joinKeys: [...sequence.key.values],
      events: sequence.matches.map((match, stage) => (this.plan.missing[stage] ? MISSING_EVENT : match!.event)),
    };
  }
}

/** The latest time strictly before millisecond `ms` (Elasticsearch's `lt` on epoch millis). */
function lastBefore(times: readonly Ordinal[], ms: number): Ordinal | undefined {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]!.ms < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? times[lo - 1] : undefined;
}

/** The earliest time strictly after millisecond `ms` (Elasticsearch's `gt` on epoch millis). */
function firstAfter(times: readonly Ordinal[], ms: number): Ordinal | undefined {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]!.ms > ms || (times[mid]!.ms === ms && times[mid]!.ns > 0)) hi = mid;
    else lo = mid + 1;
  }
  return times[lo];
}
