/**
 * applyPlan: a WritePlan applied to the package by patching it.
 *
 * Parts the plan does not touch are copied from the source zip byte for byte
 * (not even re-compressed). Parts it touches are edited as text: the user's
 * sheets get the status cells, conditional formats and column widths inserted
 * (and the add-in's earlier ones removed); styles.xml gets entries appended;
 * workbook.xml, its relationships and [Content_Types].xml get the sheets the
 * add-in creates or removes. The exception sheet, its table and the settings
 * sheet are new parts the add-in writes whole.
 *
 * Left alone on purpose:
 *  - docProps/app.xml (its TitlesOfParts lists sheet names; Excel does not
 *    check it against the workbook and rewrites it on save);
 *  - xl/calcChain.xml, unless a sheet the add-in removes or replaces has
 *    formulas listed in it: then it is dropped (Excel rebuilds it). The add-in
 *    writes no formulas, so the chain stays right otherwise.
 *
 * If anything in the plan cannot be applied safely (a status cell over a
 * user's value, a protected sheet, an unknown table), an XlsxError is thrown
 * and no bytes are produced.
 */
import {
  OwnedBlock,
  SETTINGS_SHEET_NAME,
  SheetVisibility,
  StatusBlock,
  WritePlan,
} from '../../core/types';
import { XlsxError } from './errors';
import { CT, NS, REL, contentTypeOf, dirOf, relKind, relativeTarget, relsPathFor } from './opc';
import { SheetInfo, XlsxPackage } from './package';
import {
  El,
  NewRel,
  PartWriter,
  appendChildEdit,
  attrEdit,
  editContentTypes,
  editRels,
  exclusiveDescendants,
  freshRelIds,
  indexElements,
  namespacePrefix,
  prefixOf,
} from './parts';
import { TablePart, parseTablePart, sheetTables } from './read';
import { buildExceptionSheet, buildSettingsSheet, checkSheetName, tableNameFor } from './new-sheet';
import { indexSheet } from './sheet-index';
import { SheetTable, patchSheet } from './sheet-patch';
import { StyleBook } from './styles';
import { Edit, Tok, XmlScanner, applyEdits, escapeAttr, escapeText } from './xml';

const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  `<styleSheet xmlns="${NS.main}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/></styleSheet>';

const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const REL_STYLES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles';

/** CT_Workbook's children in schema order (for a <definedNames> created from nothing). */
const WORKBOOK_ORDER = [
  'fileVersion',
  'fileSharing',
  'workbookPr',
  'workbookProtection',
  'bookViews',
  'sheets',
  'functionGroups',
  'externalReferences',
  'definedNames',
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
];

function lower(s: string): string {
  return s.toLowerCase();
}

/** The sheet ids (calcChain `i`) that calcChain.xml lists formulas for. */
function calcChainSheetIds(xml: string): Set<number> {
  const ids = new Set<number>();
  const sc = new XmlScanner(xml);
  let current = 0;
  for (let t = sc.next(); t !== Tok.Eof; t = sc.next()) {
    if (t !== Tok.Start || sc.local !== 'c') continue;
    const i = sc.attr('i');
    if (i !== undefined) current = Number(i);
    ids.add(current);
  }
  return ids;
}

function validatePlan(plan: WritePlan): void {
  if (!plan || !Array.isArray(plan.clear) || !Array.isArray(plan.statusBlocks) || !Array.isArray(plan.removeSheets)) {
    throw new XlsxError('invalid-plan', 'The write plan is incomplete.');
  }
  if (plan.savedDocument !== null && typeof plan.savedDocument !== 'string') {
    throw new XlsxError('invalid-plan', 'The saved settings document must be text.');
  }
  if (plan.exceptionSheet) {
    checkSheetName(plan.exceptionSheet.name);
    if (lower(plan.exceptionSheet.name) === lower(SETTINGS_SHEET_NAME)) {
      throw new XlsxError('invalid-plan', `The exception sheet cannot be called "${SETTINGS_SHEET_NAME}".`);
    }
  }
}

interface SheetSlot {
  /** The sheet as it was (null for a new one). */
  old: SheetInfo | null;
  name: string;
  visibility: SheetVisibility;
  /** A sheet element to add to workbook.xml. */
  add?: { sheetId: number; relId: string; state: SheetVisibility };
}

export function applyPlan(pkg: XlsxPackage, plan: WritePlan): Uint8Array {
  if (pkg.strict) {
    throw new XlsxError(
      'unsupported',
      'This workbook is saved in Strict Open XML format, which RAG Refresh can read but not update. Save it in Excel as an ordinary Excel Workbook (.xlsx) and try again.',
    );
  }
  validatePlan(plan);
  const w = new PartWriter(pkg);
  const wbDir = dirOf(pkg.workbookPath);
  const inWb = (rel: string): string => (wbDir ? `${wbDir}/${rel}` : rel);

  // Styles: the existing part, or a minimal one created when the package has none.
  let stylesPath = pkg.workbookPart('styles');
  let stylesCreated = false;
  if (!stylesPath) {
    stylesPath = inWb('styles.xml');
    stylesCreated = true;
  }
  const styles = new StyleBook(stylesCreated ? MINIMAL_STYLES : pkg.text(stylesPath));

  const worksheets = pkg.sheets.filter((s) => s.kind === 'worksheet' && s.path);
  const byName = (name: string): SheetInfo | undefined => pkg.sheets.find((s) => lower(s.name) === lower(name));
  const settings = byName(SETTINGS_SHEET_NAME) ?? null;

  // ------------------------------------------------------------ which sheets go, stay, come
  const removeSet = new Set<SheetInfo>();
  for (const n of plan.removeSheets) {
    const s = byName(n);
    if (s && s !== settings) removeSet.add(s);
  }
  const spec = plan.exceptionSheet;
  let replaced: SheetInfo | null = null;
  if (spec) {
    const existing = byName(spec.name);
    if (existing) {
      if (!removeSet.has(existing) || existing.kind !== 'worksheet' || !existing.path) {
        throw new XlsxError(
          'invalid-plan',
          `There is already a sheet called "${existing.name}" that RAG Refresh did not create; it will not replace it.`,
        );
      }
      replaced = existing;
      removeSet.delete(existing);
    }
  }
  const removeSettings = settings !== null && plan.savedDocument === null;
  if (removeSettings) removeSet.add(settings!);

  // Protection, as Excel would enforce it: no sheets added or removed in a workbook whose
  // structure is locked; no rewriting a protected settings sheet.
  if (pkg.structureLocked) {
    const structural = [...removeSet].map((s) => s.name);
    if (spec) structural.push(spec.name);
    if (plan.savedDocument !== null && !settings) structural.push(SETTINGS_SHEET_NAME);
    if (structural.length) {
      throw new XlsxError(
        'workbook-protected',
        `The workbook's structure is protected, so RAG Refresh cannot add or remove the sheet "${structural[0]}". Unprotect the workbook (Review > Protect Workbook) and try again.`,
      );
    }
  }
  if (settings && settings.path && plan.savedDocument !== null) {
    const path = settings.path;
    if (pkg.parsePart(path, () => indexSheet(pkg.text(path), () => false).protected)) {
      throw new XlsxError(
        'sheet-protected',
        `The sheet "${SETTINGS_SHEET_NAME}" is protected, so RAG Refresh cannot save its settings. Unprotect it and try again.`,
      );
    }
  }

  // ------------------------------------------------------------ status blocks
  const clearsBySheet = new Map<SheetInfo, OwnedBlock[]>();
  const blocksBySheet = new Map<SheetInfo, StatusBlock[]>();
  for (const c of plan.clear) {
    const s = byName(c.sheet);
    if (!s || s.kind !== 'worksheet' || !s.path || removeSet.has(s) || s === replaced || s === settings) continue;
    clearsBySheet.set(s, [...(clearsBySheet.get(s) ?? []), c]);
  }
  for (const b of plan.statusBlocks) {
    const s = byName(b.sheet);
    if (!s || s.kind !== 'worksheet' || !s.path) throw new XlsxError('invalid-plan', `There is no sheet called "${b.sheet}".`);
    if (removeSet.has(s) || s === replaced || s === settings) {
      throw new XlsxError('invalid-plan', `Sheet "${s.name}" is being replaced or removed; status columns cannot go there.`);
    }
    blocksBySheet.set(s, [...(blocksBySheet.get(s) ?? []), b]);
  }
  const sharedStrings = pkg.sharedStrings();
  for (const s of worksheets) {
    const clears = clearsBySheet.get(s) ?? [];
    const blocks = blocksBySheet.get(s) ?? [];
    if (clears.length === 0 && blocks.length === 0) continue;
    const path = s.path!;
    const xml = pkg.text(path);
    const tables: SheetTable[] = pkg.parsePart(path, () =>
      sheetTables(pkg, path, indexSheet(xml).tableRelIds).map((info) => ({ info, xml: pkg.text(info.path) })),
    );
    const result = pkg.parsePart(path, () => patchSheet(xml, clears, blocks, { sheetName: s.name, styles, sharedStrings, tables }));
    if (result.xml !== xml) w.put(path, result.xml);
    for (const [tp, text] of result.tables) w.put(tp, text);
  }

  // ------------------------------------------------------------ sheets removed / replaced
  const contentTypeRemovals: string[] = [];
  const contentTypeAdds: { path: string; type: string }[] = [];
  const removeTree = (sheet: SheetInfo, keepRoot: boolean): void => {
    const path = sheet.path;
    if (!path) return;
    const parts = exclusiveDescendants(w, [path]);
    for (const p of parts) {
      w.remove(p);
      contentTypeRemovals.push(p);
    }
    if (!keepRoot) {
      w.remove(path);
      contentTypeRemovals.push(path);
    }
  };
  const goneSheetIds = new Set<number>();
  for (const s of removeSet) {
    removeTree(s, false);
    goneSheetIds.add(s.sheetId);
  }
  if (replaced) {
    removeTree(replaced, true);
    goneSheetIds.add(replaced.sheetId);
  }
  if (settings && !removeSettings) {
    removeTree(settings, true);
    goneSheetIds.add(settings.sheetId);
  }

  // calcChain: dropped only if it lists formulas on a sheet that goes or is rewritten.
  const workbookRelRemovals = new Set<string>();
  const calcChainRel = pkg.workbookRels.find((r) => relKind(r.type) === 'calcChain' && !r.external);
  if (calcChainRel && pkg.has(calcChainRel.path) && goneSheetIds.size) {
    const ids = pkg.parsePart(calcChainRel.path, () => calcChainSheetIds(pkg.text(calcChainRel.path)));
    if ([...goneSheetIds].some((id) => ids.has(id))) {
      w.remove(calcChainRel.path);
      contentTypeRemovals.push(calcChainRel.path);
      workbookRelRemovals.add(calcChainRel.id);
    }
  }
  for (const s of removeSet) workbookRelRemovals.add(s.rId);

  // ------------------------------------------------------------ the new order of sheets
  const slots: SheetSlot[] = pkg.sheets
    .filter((s) => !removeSet.has(s))
    .map((s) => ({ old: s, name: s === replaced && spec ? spec.name : s.name, visibility: s.visibility }));
  if (!slots.some((s) => s.visibility === 'visible') && !(spec && !replaced)) {
    throw new XlsxError('invalid-plan', 'The plan would leave the workbook without a visible sheet.');
  }
  const maxSheetId = Math.max(0, ...pkg.sheets.map((s) => (Number.isFinite(s.sheetId) ? s.sheetId : 0)));
  const newRelIds = freshRelIds(w.exists(relsPathFor(pkg.workbookPath)) ? w.text(relsPathFor(pkg.workbookPath)) : null, 3);
  const workbookRelAdds: NewRel[] = [];
  let nextSheetId = maxSheetId;
  const usedPaths = new Set(w.paths().map(lower));
  const freshPart = (dir: string, stem: string): string => {
    let max = 0;
    const re = new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${stem}(\\d+)\\.xml$`, 'i');
    for (const p of w.paths()) {
      const m = re.exec(p);
      if (m) max = Math.max(max, Number(m[1]));
    }
    let n = max + 1;
    while (usedPaths.has(lower(`${dir}/${stem}${n}.xml`))) n++;
    const path = `${dir}/${stem}${n}.xml`;
    usedPaths.add(lower(path));
    return path;
  };
  const addSheetSlot = (name: string, state: SheetVisibility): { path: string; slot: SheetSlot } => {
    const path = freshPart(inWb('worksheets'), 'sheet');
    const relId = newRelIds[workbookRelAdds.length];
    workbookRelAdds.push({ id: relId, type: REL.worksheet, target: relativeTarget(pkg.workbookPath, path) });
    contentTypeAdds.push({ path, type: CT.worksheet });
    const slot: SheetSlot = { old: null, name, visibility: state, add: { sheetId: ++nextSheetId, relId, state } };
    return { path, slot };
  };

  // ------------------------------------------------------------ exception sheet
  let exceptionIndex = -1;
  let printTitles: string | null = null;
  if (spec) {
    let path: string;
    if (replaced) {
      path = replaced.path!;
      exceptionIndex = slots.findIndex((s) => s.old === replaced);
    } else {
      const added = addSheetSlot(spec.name, 'visible');
      path = added.path;
      // Before the settings sheet when that is last, so the summary sits with the visible tabs.
      slots.push(added.slot);
      exceptionIndex = slots.length - 1;
    }
    // The table: a workbook-unique id and name.
    let tableCtx: { id: number; name: string; relId: string } | null = null;
    let tablePath: string | null = null;
    if (spec.table) {
      const allTables = liveTables(w, pkg);
      const takenNames = new Set<string>([...allTables.map((t) => lower(t.displayName)), ...allTables.map((t) => lower(t.name))]);
      for (const n of definedNameNames(pkg.text(pkg.workbookPath))) takenNames.add(lower(n));
      const id = 1 + Math.max(0, ...allTables.map((t) => t.id));
      tablePath = freshPart(inWb('tables'), 'table');
      tableCtx = { id, name: tableNameFor(spec.table.name, takenNames), relId: 'rId1' };
    }
    const activeTabs = workbookViews(pkg.text(pkg.workbookPath)).map((v) => Number(v.attrs.activeTab ?? '0'));
    const built = buildExceptionSheet(spec, {
      styles,
      table: tableCtx,
      tabSelected: replaced !== null && activeTabs.includes(replaced.index),
    });
    w.put(path, built.xml);
    const relsPath = relsPathFor(path);
    if (built.tableXml && tablePath && tableCtx) {
      w.put(tablePath, built.tableXml);
      contentTypeAdds.push({ path: tablePath, type: CT.table });
      w.put(
        relsPath,
        editRels(null, new Set(), [{ id: tableCtx.relId, type: REL.table, target: relativeTarget(path, tablePath) }])!,
      );
    }
    printTitles = built.printTitles;
  }

  // ------------------------------------------------------------ settings sheet
  if (plan.savedDocument !== null) {
    const xml = buildSettingsSheet(plan.savedDocument);
    if (settings && settings.path && settings.kind === 'worksheet') {
      w.put(settings.path, xml);
    } else if (settings) {
      throw new XlsxError('invalid-plan', `"${SETTINGS_SHEET_NAME}" exists but is not a worksheet.`);
    } else {
      const added = addSheetSlot(SETTINGS_SHEET_NAME, 'veryHidden');
      w.put(added.path, xml);
      slots.push(added.slot);
    }
  }

  // ------------------------------------------------------------ workbook.xml
  const wbXml = pkg.text(pkg.workbookPath);
  const newWbXml = pkg.parsePart(pkg.workbookPath, () =>
    editWorkbook(wbXml, pkg, slots, removeSet, replaced, exceptionIndex, printTitles),
  );
  if (newWbXml !== wbXml) w.put(pkg.workbookPath, newWbXml);

  // ------------------------------------------------------------ styles
  const stylesXml = styles.result();
  if (stylesXml !== null) {
    w.put(stylesPath, stylesXml);
    if (stylesCreated) {
      const id = newRelIds[workbookRelAdds.length];
      workbookRelAdds.push({ id, type: REL_STYLES, target: relativeTarget(pkg.workbookPath, stylesPath) });
      contentTypeAdds.push({ path: stylesPath, type: CT_STYLES });
    }
  }

  // ------------------------------------------------------------ workbook rels, content types
  if (workbookRelRemovals.size || workbookRelAdds.length) {
    const rp = relsPathFor(pkg.workbookPath);
    const text = editRels(w.exists(rp) ? w.text(rp) : null, workbookRelRemovals, workbookRelAdds);
    if (text !== null) w.put(rp, text);
  }
  // Overrides go for parts that are really gone (a part written again where a removed one
  // was, such as a replaced sheet's table, keeps its override) and come for new parts.
  const removals = contentTypeRemovals.filter((p) => !w.exists(p));
  const adds = contentTypeAdds.filter((a) => !pkg.contentTypes.overrides.has(lower(a.path)));
  if (removals.length || adds.length) {
    w.put('[Content_Types].xml', editContentTypes(pkg.text('[Content_Types].xml'), removals, adds));
  }
  return w.build();
}

/** Table parts in the package as it will be (for workbook-unique ids and names). */
function liveTables(w: PartWriter, pkg: XlsxPackage): TablePart[] {
  const out: TablePart[] = [];
  for (const path of w.paths()) {
    if (w.isAdded(path)) continue;
    const ct = contentTypeOf(pkg.contentTypes, path);
    if (ct !== CT.table) continue;
    const t = pkg.parsePart(path, () => parseTablePart(w.text(path), path));
    if (t) out.push(t);
  }
  return out;
}

function definedNameNames(wbXml: string): string[] {
  return indexElements(wbXml)
    .filter((e) => e.local === 'definedName')
    .map((e) => e.attrs.name ?? '');
}

function workbookViews(wbXml: string): El[] {
  return indexElements(wbXml).filter((e) => e.local === 'workbookView');
}

function editWorkbook(
  xml: string,
  pkg: XlsxPackage,
  slots: SheetSlot[],
  removeSet: Set<SheetInfo>,
  replaced: SheetInfo | null,
  exceptionIndex: number,
  printTitles: string | null,
): string {
  const els = indexElements(xml);
  const root = els[0];
  const p = prefixOf(xml, root);
  const edits: Edit[] = [];
  const oldToNew = new Map<number, number>();
  slots.forEach((s, i) => {
    if (s.old) oldToNew.set(s.old.index, i);
  });

  // <sheets>
  const sheetsEl = els.find((e) => e.local === 'sheets' && e.depth === 1);
  if (!sheetsEl) throw new XlsxError('corrupt', 'The workbook part has no list of sheets.');
  const sheetEls = els.filter((e) => e.local === 'sheet' && e.depth === 2 && e.start > sheetsEl.start && e.end <= sheetsEl.end);
  sheetEls.forEach((el, i) => {
    const info = pkg.sheets[i];
    if (!info) return;
    if (removeSet.has(info)) edits.push({ start: el.start, end: el.end, text: '' });
    else if (info === replaced) {
      const slot = slots[oldToNew.get(info.index)!];
      if (slot.name !== info.name) edits.push(attrEdit(el, 'name', slot.name));
    }
  });
  const rPrefix = namespacePrefix(root, NS.r);
  const newSheets = slots
    .filter((s) => s.add)
    .map((s) => {
      const a = s.add!;
      const state = a.state === 'visible' ? '' : ` state="${a.state}"`;
      const rel = rPrefix ? `${rPrefix}:id="${a.relId}"` : `xmlns:r="${NS.r}" r:id="${a.relId}"`;
      return `<${p}sheet name="${escapeAttr(s.name)}" sheetId="${a.sheetId}"${state} ${rel}/>`;
    })
    .join('');
  if (newSheets) edits.push(appendChildEdit(xml, sheetsEl, newSheets));

  // <definedNames>: names local to a removed sheet go; the others follow their sheet's new index.
  const dnEl = els.find((e) => e.local === 'definedNames' && e.depth === 1);
  const names = dnEl ? els.filter((e) => e.local === 'definedName' && e.start > dnEl.start && e.end <= dnEl.end) : [];
  let kept = 0;
  for (const el of names) {
    const local = el.attrs.localSheetId;
    if (local === undefined || !/^\d+$/.test(local)) {
      kept++;
      continue;
    }
    const oldIndex = Number(local);
    const newIndex = oldToNew.get(oldIndex);
    const ofReplaced = replaced !== null && oldIndex === replaced.index;
    if (newIndex === undefined || ofReplaced) {
      edits.push({ start: el.start, end: el.end, text: '' });
    } else {
      kept++;
      if (newIndex !== oldIndex) edits.push(attrEdit(el, 'localSheetId', String(newIndex)));
    }
  }
  if (printTitles !== null && exceptionIndex >= 0) {
    const text = `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${exceptionIndex}">${escapeText(printTitles)}</${p}definedName>`;
    if (dnEl) edits.push(appendChildEdit(xml, dnEl, text));
    else {
      const order = WORKBOOK_ORDER.indexOf('definedNames');
      const after = els.find((e) => e.depth === 1 && WORKBOOK_ORDER.indexOf(e.local) > order);
      const at = after ? after.start : root.closeStart;
      edits.push({ start: at, end: at, text: `<${p}definedNames>${text}</${p}definedNames>` });
    }
    kept++;
  }
  if (dnEl && kept === 0) {
    // <definedNames> must not be empty: it goes with its last name.
    for (let i = edits.length - 1; i >= 0; i--) if (edits[i].start >= dnEl.start && edits[i].end <= dnEl.end) edits.splice(i, 1);
    edits.push({ start: dnEl.start, end: dnEl.end, text: '' });
  }

  // <bookViews>: the active and first tabs must be sheets that exist and show.
  const firstVisible = slots.findIndex((s) => s.visibility === 'visible');
  for (const view of els.filter((e) => e.local === 'workbookView')) {
    for (const attr of ['activeTab', 'firstSheet']) {
      const raw = view.attrs[attr];
      const old = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 0;
      let next = oldToNew.get(old);
      if (next === undefined || slots[next].visibility !== 'visible') next = firstVisible < 0 ? 0 : firstVisible;
      if (next !== old) edits.push(attrEdit(view, attr, String(next)));
    }
  }
  return applyEdits(xml, edits);
}

