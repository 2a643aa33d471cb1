/**
 * The requirement set of every Excel API member, read from the JSDoc of
 * @types/office-js ("[Api set: ExcelApi 1.7]"). Keys are "Interface.member"
 * ("Range.values", "ConditionalFormatCollection.add").
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';

export const OFFICE_DTS = path.join(__dirname, '..', '..', 'node_modules', '@types', 'office-js', 'index.d.ts');

export interface ApiSetInfo {
  /** Declared as a class (a proxy object) rather than an interface (plain data such as RangeHyperlink). */
  isClass?: boolean;
  /** The highest ExcelApi version the member's tag names ("1.1 for reading; 1.2 for setting" gives 1.2). */
  excelApi: string | null;
  /** The tag names only a platform-specific set (ExcelApiDesktop, ExcelApiOnline): never usable unguarded. */
  platformOnly: boolean;
  tag: string | null;
}

let cache: Map<string, ApiSetInfo> | null = null;

export function compareVersions(a: string, b: string): number {
  const [am, an = '0'] = a.split('.');
  const [bm, bn = '0'] = b.split('.');
  return Number(am) - Number(bm) || Number(an) - Number(bn);
}

export function parseTag(tag: string): ApiSetInfo {
  const versions = [...tag.matchAll(/ExcelApi\s+(\d+\.\d+)/g)].map((m) => m[1]);
  // "1.1 for get, 1.8 for set" style: numbers after the first ExcelApi mention.
  const more = [...tag.matchAll(/(?:^|[;,/]\s*)(\d+\.\d+)\b/g)].map((m) => m[1]);
  const all = [...versions, ...more];
  const excelApi = all.length ? all.sort(compareVersions)[all.length - 1] : null;
  const platformOnly = !versions.length && /ExcelApi(Desktop|Online)/.test(tag);
  return { excelApi, platformOnly, tag };
}

/** Map of "Interface.member" to its set, for every class and interface of namespace Excel. */
export function excelApiSets(): Map<string, ApiSetInfo> {
  if (cache) return cache;
  const text = fs.readFileSync(OFFICE_DTS, 'utf8');
  const sf = ts.createSourceFile(OFFICE_DTS, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const map = new Map<string, ApiSetInfo>();
  const visitNamespace = (body: ts.ModuleBlock) => {
    for (const st of body.statements) {
      if ((ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st)) && st.name) {
        for (const m of st.members) {
          const name = m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : null;
          if (!name) continue;
          const key = `${st.name.text}.${name}`;
          const tag = memberTag(text, m);
          const info: ApiSetInfo = { ...(tag ? parseTag(tag) : { excelApi: null, platformOnly: false, tag: null }), isClass: ts.isClassDeclaration(st) };
          const prev = map.get(key);
          // Overloads: keep the lowest (an overload the shell can use on the older set).
          if (!prev || (info.excelApi && prev.excelApi && compareVersions(info.excelApi, prev.excelApi) < 0)) map.set(key, info);
        }
      }
    }
  };
  const walk = (node: ts.Node) => {
    if (ts.isModuleDeclaration(node) && node.name.getText(sf) === 'Excel' && node.body && ts.isModuleBlock(node.body)) {
      visitNamespace(node.body);
      return;
    }
    ts.forEachChild(node, walk);
  };
  walk(sf);
  cache = map;
  return map;
}

function memberTag(text: string, m: ts.Node): string | null {
  const ranges = ts.getLeadingCommentRanges(text, m.pos) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last) return null;
  const comment = text.slice(last.pos, last.end);
  const match = /\[Api set: ([^\]]+)\]/.exec(comment);
  return match ? match[1].replace(/\s+/g, ' ') : null;
}

/** For the double's apiVersion mode: the set of a member, or null. */
export function apiSetLookup(member: string): string | null {
  const info = excelApiSets().get(member);
  if (!info) return null;
  if (info.platformOnly) return '99.0';
  return info.excelApi;
}
