/**
 * DOMAIN rules 7 and 8: summary figures and the overall RAG.
 *
 * Rule 7: met target = green + blue; off target = amber + red; off by more than the
 * tolerance = red; no data = no data + check data. Percentages are of every measure
 * that has a target (No target left out, No data included): Powys's "35 measures,
 * 57% off target, 34% off by more than 10%" is 20 and 12 of 35.
 *
 * Rule 8, by the rule chosen (settings.overallRag.rule), over the rated measures
 * (blue, green, amber, red; No data, Check data and No target are left out and counted
 * in the reason):
 *   mean-score  Green/Blue 1, Amber 2, Red 3, averaged; Green below 1.5, Red above 2.5,
 *               Amber from 1.5 to 2.5 inclusive (exact: compared in integers)
 *   worst       any red → Red, else any amber → Amber, else Green
 *   majority    the most common of green(+blue) / amber / red; ties go to the worse
 *   red-share   Red when red/rated ≥ redShareForRed %, Amber when ≥ redShareForAmber %, else Green
 * No rated measures → 'none'.
 */
import type { Settings } from '../config/schema';
import { DEFAULT_SETTINGS } from '../config/resolve';
import { fmt, messages } from '../messages';
import type { MeasureResult, OverallRag, StatusCounts, SummaryFigures } from '../types';
import { cmp, formatNumber, formatPercent, roundDecimal } from './numbers';

export function emptyCounts(): StatusCounts {
  return { blue: 0, green: 0, amber: 0, red: 0, noData: 0, noTarget: 0, checkData: 0 };
}

export function countStatuses(results: readonly Pick<MeasureResult, 'status'>[]): StatusCounts {
  const counts = emptyCounts();
  for (const r of results) counts[r.status] += 1;
  return counts;
}

export interface OverallDecision {
  overall: OverallRag;
  reason: string;
  /** The mean score, for the mean-score rule. */
  score: number | null;
}

function unratedSuffix(counts: StatusCounts): string {
  const U = messages.rules.summary;
  let s = '';
  if (counts.noData > 0) s += fmt(U.unratedNoData, { count: counts.noData });
  if (counts.checkData > 0) s += fmt(U.unratedCheckData, { count: counts.checkData });
  if (counts.noTarget > 0) s += fmt(U.unratedNoTarget, { count: counts.noTarget });
  return s;
}

/** The overall RAG with the reason in words. */
export function decideOverall(counts: StatusCounts, rule: Settings['overallRag']): OverallDecision {
  const U = messages.rules.summary;
  const words = messages.common.overall;
  const good = counts.green + counts.blue;
  const rated = good + counts.amber + counts.red;
  const suffix = unratedSuffix(counts);
  if (rated === 0) return { overall: 'none', reason: U.none + suffix, score: null };

  switch (rule.rule) {
    case 'worst': {
      const overall: OverallRag = counts.red > 0 ? 'red' : counts.amber > 0 ? 'amber' : 'green';
      const detail =
        overall === 'red' ? fmt(U.worstRed, { red: counts.red }) : overall === 'amber' ? fmt(U.worstAmber, { amber: counts.amber }) : U.worstGreen;
      return { overall, reason: fmt(U.worst, { rated, rag: words[overall], detail }) + suffix, score: null };
    }
    case 'majority': {
      const most = Math.max(good, counts.amber, counts.red);
      const winners = [counts.red === most, counts.amber === most, good === most].filter(Boolean).length;
      const overall: OverallRag = counts.red === most ? 'red' : counts.amber === most ? 'amber' : 'green';
      const tie = winners > 1 ? U.majorityTie : '';
      return {
        overall,
        reason: fmt(U.majority, { rated, rag: words[overall], green: good, amber: counts.amber, red: counts.red, tie }) + suffix,
        score: null,
      };
    }
    case 'red-share': {
      const share = (counts.red / rated) * 100;
      // red/rated ≥ p% ⇔ red × 100 ≥ p × rated, compared decimal-safely.
      const atLeast = (p: number) => cmp(counts.red * 100, p * rated) >= 0;
      const overall: OverallRag = atLeast(rule.redShareForRed) ? 'red' : atLeast(rule.redShareForAmber) ? 'amber' : 'green';
      const forRed = formatPercent(rule.redShareForRed);
      const forAmber = formatPercent(rule.redShareForAmber);
      const band =
        overall === 'red'
          ? fmt(U.redShareBandRed, { forRed })
          : overall === 'amber'
            ? fmt(U.redShareBandAmber, { forRed, forAmber })
            : fmt(U.redShareBandGreen, { forAmber });
      return {
        overall,
        reason: fmt(U.redShare, { red: counts.red, rated, share: formatPercent(share), rag: words[overall], band }) + suffix,
        score: null,
      };
    }
    case 'mean-score':
    default: {
      const total = good * 1 + counts.amber * 2 + counts.red * 3;
      // mean < 1.5 ⇔ 2·total < 3·rated; mean > 2.5 ⇔ 2·total > 5·rated: exact in integers.
      const overall: OverallRag = 2 * total < 3 * rated ? 'green' : 2 * total > 5 * rated ? 'red' : 'amber';
      const score = total / rated;
      const band = overall === 'green' ? U.meanBandGreen : overall === 'red' ? U.meanBandRed : U.meanBandAmber;
      return {
        overall,
        reason: fmt(U.meanScore, { score: formatNumber(roundDecimal(score, 2)), rated, rag: words[overall], band }) + suffix,
        score,
      };
    }
  }
}

/** The overall RAG of a set of measures by a stated rule (DOMAIN rule 8). */
export function overallRag(counts: StatusCounts, rule: Settings['overallRag']): OverallRag {
  return decideOverall(counts, rule).overall;
}

const percentOf = (count: number, of: number): number | null => (of === 0 ? null : (count / of) * 100);

/** Summary figures of a set of measures (DOMAIN rule 7) and their overall RAG (rule 8). */
export function summarise(
  results: readonly (Pick<MeasureResult, 'status'> & { spc?: MeasureResult['spc'] })[],
  label: string,
  overall: Settings['overallRag'] = DEFAULT_SETTINGS.overallRag,
): SummaryFigures {
  const counts = countStatuses(results);
  const measures = results.length;
  const withTarget = measures - counts.noTarget;
  const figure = (count: number) => ({ count, percent: percentOf(count, withTarget) });
  const decision = decideOverall(counts, overall);
  const figures: SummaryFigures = {
    label,
    measures,
    counts,
    withTarget,
    metTarget: figure(counts.green + counts.blue),
    offTarget: figure(counts.amber + counts.red),
    offByMoreThanTolerance: figure(counts.red),
    noData: figure(counts.noData + counts.checkData),
    overall: decision.overall,
    overallReason: decision.reason,
  };
  // The statistical trend's figures, when any measure has one: the measures a committee should ask about first.
  let withSpc = false;
  let concern = 0;
  let failing = 0;
  for (const r of results) {
    if (!r.spc) continue;
    withSpc = true;
    if (r.spc.variation === 'concern_high' || r.spc.variation === 'concern_low') concern++;
    if (r.spc.assurance === 'consistent_fail') failing++;
  }
  if (withSpc) {
    figures.specialCauseConcern = concern;
    figures.consistentlyFailing = failing;
  }
  return figures;
}

function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Summary figures per group (directorate, priority, table...), sorted by name; measures
 * whose key is null or blank go in a last group labelled "(not stated)".
 */
export function groupSummaries<R extends Pick<MeasureResult, 'status'>>(
  results: readonly R[],
  keyFn: (result: R) => string | null | undefined,
  overall: Settings['overallRag'] = DEFAULT_SETTINGS.overallRag,
): SummaryFigures[] {
  const groups = new Map<string, R[]>();
  const ungrouped: R[] = [];
  for (const r of results) {
    const key = keyFn(r);
    const name = key === null || key === undefined ? '' : key.trim();
    if (name === '') {
      ungrouped.push(r);
      continue;
    }
    const list = groups.get(name);
    if (list) list.push(r);
    else groups.set(name, [r]);
  }
  const out = [...groups.keys()].sort(compareNames).map((name) => summarise(groups.get(name)!, name, overall));
  if (ungrouped.length > 0) out.push(summarise(ungrouped, messages.rules.summary.ungrouped, overall));
  return out;
}
