/**
 * Header text -> column role, with the words councils use.
 *
 * Matching is case-, space- and punctuation-insensitive: a header is reduced to
 * lower-case words ("  PI Ref " -> "pi ref", "Delivery (RAG)" -> "delivery rag",
 * "measure_name" -> "measure name"). An exact synonym scores highest; a header
 * that contains a role's key words scores lower, so when several headers could
 * be one role the most specific wins (and, on a tie, the left-most).
 */
import type { ColumnRole } from '../types';
import { nfkc } from '../values';

/** Reduces header text to lower-case words: punctuation and underscores become spaces, "&" becomes "and", "%" is kept as a word. */
export function normHeader(text: string): string {
  const s = nfkc(text).toLowerCase();
  let out = '';
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c > 0xbf && ch.toUpperCase() !== ch);
    if (alnum) {
      out += ch;
      space = false;
    } else if (ch === '%' || ch === '£' || ch === '&') {
      if (!space) out += ' ';
      out += ch === '&' ? 'and' : ch;
      out += ' ';
      space = true;
    } else if (ch === "'" || ch === '\u2019') {
      // "Children's" -> "childrens"
      continue;
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  return out.trim();
}

export interface RoleMatch {
  role: ColumnRole;
  /** 100 for an exact synonym, less for a header that only contains the role's words. */
  score: number;
}

type Table = Partial<Record<ColumnRole, string[]>>;

/** Exact synonyms (after normHeader). */
const EXACT: Table = {
  ref: [
    'ref', 'reference', 'pi ref', 'kpi ref', 'ref no', 'ref number', 'reference number', 'pi code', 'kpi code', 'code',
    'id', 'pi id', 'kpi id', 'measure id', 'indicator id', 'measure ref', 'indicator ref', 'indicator code',
    'measure code', 'pi no', 'pi number', 'kpi no', 'kpi number', 'no:80', 'measure no', 'indicator no',
    'measure reference', 'indicator reference', 'pi reference', 'kpi reference', 'variable name:70', 'ref no:95',
  ],
  measure: [
    'measure', 'measures', 'indicator', 'indicators', 'performance indicator', 'performance indicators', 'kpi', 'kpis',
    'key performance indicator', 'description:90', 'measure name', 'measure title', 'measure description', 'title:95',
    'indicator name', 'indicator title', 'indicator description', 'kpi name', 'kpi title', 'kpi description',
    'pi description', 'pi name', 'pi title', 'performance measure', 'performance measures', 'name:85', 'measure details',
    'project name:90', 'project:70', 'project title:90', 'output:70', 'outcome:70', 'outputs:70', 'outcomes:70', 'action:70',
    'actions:65', 'milestone:70', 'deliverable:70', 'service standard:90', 'metric', 'metric name', 'key measure',
    'success measure', 'what we measure', 'item:60', 'objective measure', 'indicator measure',
  ],
  actual: [
    'actual', 'actuals', 'result:95', 'results:95', 'outturn', 'value:90', 'performance:85', 'current:85', 'this quarter',
    'this period', 'this month', 'this year', 'current period', 'current quarter', 'current month', 'current value',
    'current performance', 'actual performance', 'latest', 'latest value', 'latest data', 'latest performance',
    'latest result', 'actual value', 'actual result', 'actual to date:90', 'ytd actual:90', 'actual ytd:90', 'year to date:70',
    'performance to date:80', 'achieved:70', 'actual achieved',
  ],
  target: [
    'target', 'targets', 'target value', 'profiled target', 'target profile', 'quarterly target',
    'period target', 'target this period', 'target this quarter', 'current target', 'ytd target:90', 'target ytd:90',
    'target to date:90', 'standard:70', 'aim:60', 'goal:80',
  ],
  annualTarget: [
    'annual target', 'year end target', 'yearly target', 'full year target', 'target for the year', 'end of year target',
    'target year end', 'eoy target', 'annual:80', 'year target', 'target annual', 'target for year', 'full year:80',
    'end of year:80', 'year end:80',
  ],
  previous: [
    'previous', 'previous period', 'previous quarter', 'previous month', 'previous year', 'previous value',
    'previous result', 'previous outturn', 'previous performance', 'last period', 'last quarter', 'last month',
    'last year', 'last years outturn', 'last year outturn', 'baseline:85', 'prior', 'prior period', 'prior quarter',
    'prior year', 'was:70', 'last reported', 'last time', 'previous actual', 'baseline value:85', 'baseline output:85',
    'last:70', 'prev:90', 'previous data', 'last reported value',
  ],
  lastYear: [
    'same period last year', 'same quarter last year', 'same month last year', 'same time last year', 'sply',
    'last year same period', 'same period previous year', 'same quarter previous year', 'same period prior year',
    'same period in previous year', 'same period in the previous year',
  ],
  polarity: [
    'polarity', 'good performance is', 'good is', 'higher is better', 'lower is better', 'high is good', 'low is good',
    'one is high', 'improvement direction', 'direction of improvement', 'desired direction', 'direction',
    'good performance', 'better if', 'aim to', 'bigger is better', 'smaller is better', 'higher or lower is better',
    'is higher better', 'is high good', 'preferred direction', 'target direction', 'good direction', 'polarity of measure',
  ],
  amberThreshold: ['amber threshold', 'amber', 'amber tolerance', 'amber if', 'amber limit', 'amber trigger', 'amber level'],
  redThreshold: ['red threshold', 'red', 'red if', 'red limit', 'red trigger', 'red level'],
  tolerance: ['tolerance', 'tolerances', 'tolerance %', 'target tolerance', 'variance tolerance', 'tolerance level'],
  directorate: ['directorate', 'directorates', 'department', 'dept', 'portfolio', 'division', 'directorate name', 'responsible dept', 'responsible department'],
  service: ['service', 'services', 'service area', 'service name', 'team', 'business unit', 'service unit', 'head of service area'],
  priority: [
    'priority', 'priorities', 'theme', 'themes', 'objective', 'objectives', 'corporate priority', 'council priority',
    'strategic priority', 'priority area', 'intervention theme', 'outcome area', 'well being objective',
    'wellbeing objective', 'corporate objective', 'strategic objective', 'plan priority', 'kpa', 'key priority',
  ],
  owner: [
    'owner', 'lead officer', 'responsible officer', 'accountable', 'accountable officer', 'accountable person', 'lead:85',
    'responsible:85', 'data owner:90', 'measure owner', 'officer:85', 'contact:70', 'lead member:80', 'portfolio holder:80',
    'responsible person', 'pi owner', 'kpi owner', 'indicator owner', 'owned by', 'responsible manager', 'lead manager',
  ],
  commentary: [
    'commentary', 'comments', 'comment', 'remedial action', 'remedial actions', 'notes', 'note', 'narrative',
    'explanation', 'why have you given these ratings', 'reason:80', 'reasons:80', 'update:70', 'progress update', 'analysis:70',
    'mitigation', 'corrective action', 'corrective actions', 'action plan', 'actions to improve', 'what are we doing',
    'additional information', 'supporting information', 'exception commentary', 'performance commentary',
    'management commentary', 'explanation of performance', 'progress:70', 'improvement actions', 'remarks',
  ],
  complete: ['complete', 'completed', 'complete yes no', 'completed yes no', 'done', 'complete y n', 'completed y n', 'is complete', 'status complete', 'completion'],
  unit: ['unit', 'units', 'unit of measure', 'unit of measurement', 'measure type', 'type:60', 'format:60', 'data type', 'measure unit', 'units of measure', 'unit type', 'value type'],
  userRag: [
    'rag', 'rag status', 'rag rating', 'rag rate', 'status:50', 'rating:50', 'traffic light', 'brag', 'brag status', 'rag score',
    'performance status', 'overall rag', 'current rag', 'rag current', 'status rag', 'delivery confidence',
    'delivery confidence assessment', 'dca', 'rag assessment',
  ],
  period: [
    'period', 'reporting period', 'time period', 'period label', 'date', 'month', 'quarter', 'year', 'financial year',
    'fiscal year', 'fiscal yr', 'fy', 'week', 'period ending', 'period end', 'month ending', 'quarter ending', 'reporting date',
    'year month', 'reporting year', 'reporting quarter', 'reporting month', 'time',
  ],
};

const exactIndex = new Map<string, RoleMatch>();
for (const [role, words] of Object.entries(EXACT) as [ColumnRole, string[]][]) {
  for (const entry of words) {
    const colon = entry.indexOf(':');
    const phrase = colon < 0 ? entry : entry.slice(0, colon);
    const score = colon < 0 ? 100 : Number(entry.slice(colon + 1));
    if (!exactIndex.has(phrase)) exactIndex.set(phrase, { role, score });
  }
}

function hasWord(words: string[], w: string): boolean {
  return words.includes(w);
}
function hasPhrase(h: string, phrase: string): boolean {
  return (' ' + h + ' ').includes(' ' + phrase + ' ');
}

/** Words of a code that names a place or an organisation, not a measure ("area_code", "ward id"). */
const PLACE_WORDS = new Set([
  'area', 'ward', 'region', 'authority', 'la', 'lad', 'council', 'org', 'organisation', 'organization', 'geography', 'lsoa',
  'msoa', 'country', 'district', 'site', 'location', 'building', 'team', 'postcode', 'post', 'provider', 'school', 'trust',
  'project', 'service', 'owner', 'user', 'dept', 'department',
]);

/** Words about what a measure is: a code with one of them is the measure's reference, not a place's ("service standard id"). */
const MEASURE_ABOUT = new Set(['pi', 'kpi', 'measure', 'indicator', 'standard', 'metric']);

/** Words naming an organisation: a column of them says whose the measure is (a directorate), never the measure itself ("owner_org_title"). */
const ORG_WORDS = new Set(['org', 'orgs', 'organisation', 'organisations', 'organization', 'organizations', 'ministry', 'agency']);

/**
 * Language tags ending a header of a bilingual dataset ("service_name_en", "comments_fr",
 * "teitl_cy"): the header means what it means without them. English first: another
 * language's twin scores a little less, so the English column is the one read.
 */
const LANGUAGE_TAGS: ReadonlyMap<string, number> = new Map([
  ['en', 0], ['eng', 0], ['fr', 5], ['fra', 5], ['fre', 5], ['cy', 5], ['cym', 5], ['wel', 5], ['ga', 5], ['gd', 5],
]);

/** A header without its language tag, and whether the tag is English ("comments fr" -> comments, false); null without a tag. */
export function languageOf(h: string): { base: string; english: boolean } | null {
  const sp = h.lastIndexOf(' ');
  if (sp <= 0) return null;
  const less = LANGUAGE_TAGS.get(h.slice(sp + 1));
  return less === undefined ? null : { base: h.slice(0, sp), english: less === 0 };
}

/**
 * The role a header names, or null. `h` is the header after normHeader. Period
 * headers (Q1, Apr-24, 2016/17...) are recognised separately (periods.ts).
 */
export function roleOfNormalised(h: string): RoleMatch | null {
  if (h.length === 0) return null;
  const exact = exactIndex.get(h);
  if (exact) return exact;
  const sp = h.lastIndexOf(' ');
  if (sp > 0) {
    const less = LANGUAGE_TAGS.get(h.slice(sp + 1));
    if (less !== undefined) {
      const m = roleOfWords(h.slice(0, sp));
      return m ? { role: m.role, score: Math.max(1, m.score - less) } : null;
    }
  }
  return roleOfWords(h);
}

function roleOfWords(h: string): RoleMatch | null {
  const exact = exactIndex.get(h);
  if (exact) return exact;
  const w = h.split(' ');
  if (w.length > 12) return null; // a guidance sentence, not a header

  // computed or helper columns the user keeps: never data we read
  if (w.some((x) => x === 'uri' || x === 'url' || x === 'link' || x === 'hyperlink' || x === 'ignore' || x === 'guidance' || x === 'legend' || x === 'key')) {
    if (!hasWord(w, 'key') || hasWord(w, 'guidance') || hasWord(w, 'legend') || w.length <= 2) return { role: 'ignore', score: 40 };
  }
  if (hasWord(w, 'variance') || hasWord(w, 'difference')) return { role: 'ignore', score: 40 };

  // commentary first: "Commentary on Status and RAG Ratings" is commentary, not a RAG column
  if (w.some((x) => x === 'commentary' || x === 'comment' || x === 'comments' || x === 'narrative' || x === 'remedial' || x === 'explanation' || x === 'notes' || x === 'remarks'))
    return { role: 'commentary', score: 80 };
  if (w[0] === 'why' || hasPhrase(h, 'action plan') || hasPhrase(h, 'corrective action') || hasPhrase(h, 'mitigating action') || hasPhrase(h, 'improvement action'))
    return { role: 'commentary', score: 70 };

  // the user's own RAG
  if (hasWord(w, 'rag') || hasWord(w, 'brag') || hasPhrase(h, 'traffic light') || hasPhrase(h, 'delivery confidence')) return { role: 'userRag', score: 80 };

  // thresholds and tolerance
  if (hasWord(w, 'amber')) return { role: 'amberThreshold', score: 80 };
  if (hasWord(w, 'red') && (hasWord(w, 'threshold') || hasWord(w, 'if') || hasWord(w, 'limit') || hasWord(w, 'trigger') || w.length <= 2))
    return { role: 'redThreshold', score: 80 };
  if (hasWord(w, 'tolerance') || hasWord(w, 'tolerances')) return { role: 'tolerance', score: 80 };

  // polarity
  if (
    hasWord(w, 'polarity') ||
    hasPhrase(h, 'good performance') ||
    hasPhrase(h, 'is better') ||
    hasPhrase(h, 'is good') ||
    hasPhrase(h, 'is high') ||
    hasPhrase(h, 'is low') ||
    hasPhrase(h, 'improvement direction') ||
    hasPhrase(h, 'direction of improvement') ||
    hasPhrase(h, 'desired direction') ||
    hasPhrase(h, 'preferred direction') ||
    hasPhrase(h, 'good is')
  )
    return { role: 'polarity', score: 80 };
  // the user's own direction of travel is a trend column, not a polarity
  if (hasPhrase(h, 'direction of travel') || hasPhrase(h, 'dot') || hasWord(w, 'trend')) return { role: 'ignore', score: 40 };

  // comparison points
  if (hasPhrase(h, 'same period') || hasPhrase(h, 'same quarter') || hasPhrase(h, 'same month') || hasPhrase(h, 'same time'))
    return { role: 'lastYear', score: 80 };

  // targets (before the actual, so "Target achieved" stays a target question below)
  const target = hasWord(w, 'target') || hasWord(w, 'targets');
  if (target) {
    // "Target met?", "target_met" (Y / N): the user's own verdict, a RAG of two colours
    const verdict = hasWord(w, 'met') || hasWord(w, 'achieved') || hasWord(w, 'hit');
    if (verdict && w.length <= 4 && !hasWord(w, 'date') && !hasWord(w, '%') && !hasWord(w, 'percent') && !hasWord(w, 'percentage') && !hasWord(w, 'volume') && !hasWord(w, 'number'))
      return { role: 'userRag', score: 60 };
    if (verdict || hasWord(w, 'meeting') || hasWord(w, 'date') || hasPhrase(h, 'set by') || hasWord(w, 'volume') || hasWord(w, 'source') || hasWord(w, 'direction'))
      return null;
    if (hasWord(w, 'annual') || hasWord(w, 'yearly') || hasPhrase(h, 'year end') || hasPhrase(h, 'full year') || hasPhrase(h, 'end of year') || hasWord(w, 'eoy'))
      return { role: 'annualTarget', score: 85 };
    return { role: 'target', score: 80 };
  }

  if (hasWord(w, 'baseline') || hasWord(w, 'previous') || hasWord(w, 'prior') || hasPhrase(h, 'last quarter') || hasPhrase(h, 'last period') || hasPhrase(h, 'last month') || hasPhrase(h, 'last year'))
    return { role: 'previous', score: 70 };

  // reference codes
  if (hasWord(w, 'ref') || hasWord(w, 'reference')) return { role: 'ref', score: 80 };
  if ((w[w.length - 1] === 'id' || w[w.length - 1] === 'code') && w.length <= 4) {
    const about = w.some((x) => MEASURE_ABOUT.has(x));
    if (about) return { role: 'ref', score: 75 };
    if (!w.some((x) => PLACE_WORDS.has(x))) return { role: 'ref', score: 50 };
  }

  // whose the measure is: an organisation's name or code ("owner_org_title", "Organisation")
  if (w.some((x) => ORG_WORDS.has(x))) return { role: 'directorate', score: hasWord(w, 'title') || hasWord(w, 'name') ? 78 : 72 };

  // the measure's name
  if (hasWord(w, 'unit') || hasWord(w, 'units')) return { role: 'unit', score: 75 };
  const measureWord = w.some((x) => x === 'measure' || x === 'indicator' || x === 'kpi' || x === 'pi' || x === 'metric' || x === 'measures' || x === 'indicators');
  if (measureWord) {
    if (hasWord(w, 'type') || hasWord(w, 'level') || hasWord(w, 'classification') || hasWord(w, 'category')) return null;
    if (hasWord(w, 'key') && !hasWord(w, 'performance') && w.length <= 3) return { role: 'measure', score: 40 };
    return { role: 'measure', score: 85 };
  }
  if (hasWord(w, 'description') || hasWord(w, 'title')) return { role: 'measure', score: 60 };

  // the value being reported
  if (hasWord(w, 'actual') || hasWord(w, 'outturn') || hasWord(w, 'actuals')) {
    if (hasWord(w, 'total') || hasWord(w, 'cumulative')) return { role: 'actual', score: 55 };
    return { role: 'actual', score: 80 };
  }
  if (hasWord(w, 'result') || hasWord(w, 'results')) return { role: 'actual', score: 60 };
  if (hasPhrase(h, 'this quarter') || hasPhrase(h, 'this period') || hasPhrase(h, 'this month') || hasPhrase(h, 'current performance'))
    return { role: 'actual', score: 70 };

  // grouping
  if (hasWord(w, 'directorate') || hasWord(w, 'department') || hasWord(w, 'dept') || hasWord(w, 'division')) return { role: 'directorate', score: 80 };
  if (hasWord(w, 'portfolio') && !hasWord(w, 'holder')) return { role: 'directorate', score: 70 };
  if (hasWord(w, 'priority') || hasWord(w, 'priorities') || hasWord(w, 'theme') || hasWord(w, 'objective') || hasWord(w, 'objectives'))
    return { role: 'priority', score: 70 };
  if (hasWord(w, 'service') && w.length <= 4 && !hasWord(w, 'standard')) return { role: 'service', score: 65 };

  // who
  if (hasWord(w, 'owner') || hasWord(w, 'officer') || hasWord(w, 'accountable') || hasWord(w, 'lead') || hasWord(w, 'responsible') || hasPhrase(h, 'portfolio holder'))
    return { role: 'owner', score: 70 };

  if (hasWord(w, 'complete') || hasWord(w, 'completed')) {
    if (hasWord(w, '%') || hasWord(w, 'percent') || hasWord(w, 'date')) return null;
    return { role: 'complete', score: 70 };
  }
  if (hasWord(w, 'status') || hasWord(w, 'rating')) return { role: 'userRag', score: 50 };
  if (w.length <= 3 && (w[0] === 'project' || w[0] === 'action' || w[0] === 'milestone') && hasWord(w, 'name')) return { role: 'measure', score: 75 };
  return null;
}

/** The role a header text names, or null. */
export function roleOfHeader(text: string): RoleMatch | null {
  return roleOfNormalised(normHeader(text));
}

/** Words a header of a period column may carry besides the period itself ("Q1 Actual", "Q3 Target", "Apr Forecast"). */
export type PeriodSubRole = 'value' | 'target' | 'forecast' | 'total' | 'other';

const FORECAST_WORDS = new Set(['forecast', 'forecasts', 'projected', 'projection', 'estimate', 'estimated', 'profile', 'profiled', 'plan', 'planned', 'budget', 'expected']);
const TOTAL_WORDS = new Set(['total', 'totals', 'cumulative', 'grand', 'ytd', 'sum', 'after', 'beyond', 'before', 'up', 'including']);

/** Words around a period label that say nothing more than "the value for this period" ("Financial year", "Quarterly figures"). */
const PERIOD_FILLER = new Set([
  'financial', 'fiscal', 'year', 'yr', 'quarter', 'qtr', 'month', 'week', 'half', 'period', 'fy', 'ending', 'end', 'as',
  'at', 'of', 'for', 'to', 'from', 'and', 'the', 'in', 'performance', 'data', 'value', 'values', 'result', 'results',
  'figure', 'figures', 'q', 'h', 'wk', 'w', 'cal', 'calendar', 'quarterly', 'monthly', 'weekly', 'yearly', 'annual',
  'outturns', 'actuals', 'reporting', 'reported', 'position', 'snapshot', 'by', 'per', 'each',
]);

/** What the rest of a period header says: the value (empty, "Actual", "Outturn"), a target, a forecast, a total, or something else. */
export function periodSubRole(rest: string): { sub: PeriodSubRole; match: RoleMatch | null } {
  const h = rest.trim();
  if (h.length === 0) return { sub: 'value', match: null };
  const w = h.split(' ');
  if (w.some((x) => TOTAL_WORDS.has(x))) return { sub: 'total', match: null };
  const match = roleOfNormalised(h);
  if (w.some((x) => FORECAST_WORDS.has(x)) && !(match && (match.role === 'target' || match.role === 'annualTarget') && hasWord(w, 'profiled')))
    return { sub: 'forecast', match };
  if (match && (match.role === 'actual' || (match.role === 'period' && w.length <= 2))) return { sub: 'value', match };
  if (match && (match.role === 'target' || match.role === 'annualTarget')) return { sub: 'target', match };
  if (w.every((x) => PERIOD_FILLER.has(x))) return { sub: 'value', match };
  return { sub: 'other', match };
}

/** Roles of which a table has at most one column (the best-scoring, then the left-most). */
export const SINGLE_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>([
  'ref', 'measure', 'actual', 'target', 'annualTarget', 'previous', 'lastYear', 'polarity', 'amberThreshold',
  'redThreshold', 'tolerance', 'directorate', 'service', 'priority', 'owner', 'complete', 'unit',
]);

/** Roles whose cells hold the measure's data (a row with any of them filled is a measure row). */
export const VALUE_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>([
  'actual', 'target', 'annualTarget', 'previous', 'lastYear', 'amberThreshold', 'redThreshold', 'tolerance', 'userRag',
  'period', 'complete', 'commentary',
]);
