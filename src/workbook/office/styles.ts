/**
 * How the exception sheet's named cell styles and the plan's colours look in
 * Excel. Column widths arrive in characters (as in the .xlsx file) and Excel's
 * API wants points.
 */
import type { CellStyle, SheetCellStyle } from '../../core/types';

export interface OfficeCellFormat {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
  verticalTop?: boolean;
}

export const SHEET_STYLES: Record<SheetCellStyle, OfficeCellFormat | null> = {
  title: { bold: true, size: 16 },
  subtitle: { size: 12, fontColor: '#404040' },
  heading: { bold: true, size: 12 },
  label: { bold: true },
  note: { italic: true, fontColor: '#595959' },
  header: { bold: true, wrap: true, verticalTop: true },
  normal: null,
  wrap: { wrap: true, verticalTop: true },
  top: { verticalTop: true },
};

/**
 * How a link back to a measure looks: blue and underlined, as Excel's Hyperlink
 * style and as the file shell writes it. Set with the link rather than left to
 * Excel, so both shells give the same look.
 */
export const LINK_LOOK = { color: '#0563C1', underline: 'Single' } as const;

/** "RRGGBB" (the plan's form) to "#RRGGBB" (Excel's). */
export function hexColour(rgb: string): string {
  return rgb.startsWith('#') ? rgb : `#${rgb}`;
}

/** Excel column width: characters of the default font's digit (7 px at Calibri 11) plus 5 px padding, in points. */
export function widthToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

export function pointsToWidth(points: number): number {
  return Math.round(((points / 0.75 - 5) / 7) * 100) / 100;
}

export function isEmptyStyle(style: CellStyle): boolean {
  return !style.fill && !style.font && !style.bold;
}
