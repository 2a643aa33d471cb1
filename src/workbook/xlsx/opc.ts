/**
 * Open Packaging Conventions: part paths, relationships, content types.
 * Part paths here have no leading slash ("xl/workbook.xml"); comparisons are
 * case-insensitive, as the conventions require.
 */
import { Tok, XmlScanner } from './xml';

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The target part's path (no leading slash), or "" for an external target. */
  path: string;
}

export const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  rels: 'application/vnd.openxmlformats-package.relationships+xml',
};

export const REL = {
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
};

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  strictMain: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  strictR: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
};

/** The relationship type's last segment: ".../relationships/worksheet" is "worksheet" (Transitional and Strict alike). */
export function relKind(type: string): string {
  const slash = type.lastIndexOf('/');
  return slash < 0 ? type : type.slice(slash + 1);
}

export function normalisePath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels"; "" (the package) → "_rels/.rels". */
export function relsPathFor(part: string): string {
  const dir = dirOf(part);
  return `${dir ? dir + '/' : ''}_rels/${baseName(part)}.rels`;
}

/** A relationship target resolved against its source part. */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // keep it as written
  }
  const hash = t.indexOf('#');
  if (hash >= 0) t = t.slice(0, hash);
  if (t.startsWith('/')) return normalisePath(t);
  const dir = dirOf(sourcePart);
  return normalisePath(dir ? `${dir}/${t}` : t);
}

/** A target for a new relationship from `sourcePart` to `targetPart` (relative, as Excel writes them). */
export function relativeTarget(sourcePart: string, targetPart: string): string {
  const from = dirOf(sourcePart).split('/').filter(Boolean);
  const to = targetPart.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i].toLowerCase() === to[i].toLowerCase()) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

export function parseRels(xml: string, sourcePart: string): Relationship[] {
  const out: Relationship[] = [];
  const sc = new XmlScanner(xml);
  for (let t = sc.next(); t !== Tok.Eof; t = sc.next()) {
    if (t !== Tok.Start || sc.local !== 'Relationship') continue;
    const a = sc.attrs();
    const external = (a.TargetMode ?? '').toLowerCase() === 'external';
    const target = a.Target ?? '';
    out.push({
      id: a.Id ?? '',
      type: a.Type ?? '',
      target,
      external,
      path: external ? '' : resolveTarget(sourcePart, target),
    });
  }
  return out;
}

export interface ContentTypes {
  defaults: Map<string, string>;
  /** Lower-cased part path (no leading slash) → content type. */
  overrides: Map<string, string>;
}

export function parseContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  const sc = new XmlScanner(xml);
  for (let t = sc.next(); t !== Tok.Eof; t = sc.next()) {
    if (t !== Tok.Start) continue;
    if (sc.local === 'Default') {
      const a = sc.attrs();
      if (a.Extension) defaults.set(a.Extension.toLowerCase(), a.ContentType ?? '');
    } else if (sc.local === 'Override') {
      const a = sc.attrs();
      if (a.PartName) overrides.set(normalisePath(a.PartName).toLowerCase(), a.ContentType ?? '');
    }
  }
  return { defaults, overrides };
}

export function contentTypeOf(ct: ContentTypes, path: string): string | undefined {
  const o = ct.overrides.get(path.toLowerCase());
  if (o !== undefined) return o;
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : ct.defaults.get(path.slice(dot + 1).toLowerCase());
}
