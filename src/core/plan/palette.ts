/**
 * Colours of the conditional formats. The text always carries the meaning; the colours
 * come from the Okabe-Ito colour-blind-safe palette and differ in lightness as well as hue,
 * so Red, Amber and Green stay apart for readers with red-green colour blindness.
 */
import { messages } from '../messages';
import type { CellStyle, Status, StatusColumnKey, TextRule } from '../types';

export const STATUS_STYLE: Record<Status, CellStyle> = {
  red: { fill: 'D55E00', font: 'FFFFFF', bold: true }, // vermilion, dark
  amber: { fill: 'F0E442', font: '000000', bold: true }, // yellow, light
  green: { fill: '009E73', font: 'FFFFFF', bold: true }, // bluish green, medium
  blue: { fill: '0072B2', font: 'FFFFFF', bold: true }, // blue, dark
  noData: { fill: 'D9D9D9', font: '000000' },
  noTarget: { fill: 'F2F2F2', font: '595959' },
  checkData: { fill: 'D9D9D9', font: '000000', bold: true },
};

/** Making Data Count colours: blue improving, orange concerning, grey common cause. */
export const MDC_STYLE = {
  improvement: { fill: '9DC3E6', font: '000000' },
  concern: { fill: 'F4B183', font: '000000' },
  neutral: { fill: 'C9B3E0', font: '000000' },
  common: { fill: 'D9D9D9', font: '000000' },
} satisfies Record<string, CellStyle>;

const GOOD: CellStyle = { fill: 'CCE5F5', font: '00466E' };
const BAD: CellStyle = { fill: 'FBD9C4', font: '7A2E00' };
const MIDDLE: CellStyle = { fill: 'EFEFEF', font: '404040' };

/** The words of the catalogue in use (read at each call: the catalogue can change between refreshes). */
const words = () => messages.common;

/** The first character of a text written by RAG Refresh ("↑ Improved" -> "↑"). */
function symbol(text: string): string {
  return Array.from(text)[0] ?? text;
}

export function statusRules(): TextRule[] {
  return (Object.keys(STATUS_STYLE) as Status[]).map((s) => ({ match: 'equals', text: words().status[s], style: STATUS_STYLE[s] }));
}

export function rulesFor(key: StatusColumnKey): TextRule[] {
  switch (key) {
    case 'rag':
      return statusRules();
    case 'direction':
      return [
        { match: 'beginsWith', text: symbol(words().direction.improved), style: GOOD },
        { match: 'beginsWith', text: symbol(words().direction.declined), style: BAD },
        { match: 'beginsWith', text: symbol(words().direction.sustained), style: MIDDLE },
      ];
    case 'forecast':
      return [
        { match: 'beginsWith', text: symbol(words().forecast.likely), style: GOOD },
        { match: 'beginsWith', text: symbol(words().forecast.may), style: { fill: 'FFF5C2', font: '5C4A00' } },
        { match: 'beginsWith', text: symbol(words().forecast.unlikely), style: BAD },
      ];
    case 'variation':
      return [
        { match: 'equals', text: words().spc.variation.improvement_high, style: MDC_STYLE.improvement },
        { match: 'equals', text: words().spc.variation.improvement_low, style: MDC_STYLE.improvement },
        { match: 'equals', text: words().spc.variation.concern_high, style: MDC_STYLE.concern },
        { match: 'equals', text: words().spc.variation.concern_low, style: MDC_STYLE.concern },
        { match: 'equals', text: words().spc.variation.neutral_high, style: MDC_STYLE.neutral },
        { match: 'equals', text: words().spc.variation.neutral_low, style: MDC_STYLE.neutral },
        { match: 'equals', text: words().spc.variation.common_cause, style: MDC_STYLE.common },
      ];
    case 'assurance':
      return [
        { match: 'equals', text: words().spc.assurance.consistent_pass, style: MDC_STYLE.improvement },
        { match: 'equals', text: words().spc.assurance.consistent_fail, style: MDC_STYLE.concern },
        { match: 'equals', text: words().spc.assurance.inconsistent, style: MDC_STYLE.common },
      ];
    case 'variance':
    case 'variancePercent':
      return [];
  }
}
