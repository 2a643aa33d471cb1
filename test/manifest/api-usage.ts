/**
 * Which Excel API members a set of source files uses, with the requirement set
 * each needs, and whether the use sits behind a run-time capability guard:
 *
 *   if (caps.printSetup) { ...pageLayout... }          guarded by printSetup
 *   if (!caps.cellProperties) { ... } else { ...setCellProperties... }
 *   caps.merges && h.merges ? ...getMergedAreas... : []
 *
 * Property accesses and calls are resolved with the TypeScript checker to their
 * declarations in @types/office-js; object literals typed as Excel interfaces
 * (a RangeHyperlink, PageLayoutZoomOptions) count their properties too.
 */
import * as path from 'path';
import ts from 'typescript';
import { OFFICE_DTS, excelApiSets, type ApiSetInfo } from '../office/api-sets';

export interface ApiUse {
  /** "Range.values" */
  member: string;
  info: ApiSetInfo;
  file: string;
  line: number;
  /** The capability whose `caps.<name>` check encloses the use, or null. */
  guard: string | null;
}

const ROOT = path.join(__dirname, '..', '..');

export function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(ROOT, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT);
  return { ...parsed.options, noEmit: true };
}

/** Uses in the given files. `sources` may hold in-memory files (path to text) for tests of this analyser. */
export function findApiUses(files: string[], sources: Record<string, string> = {}): ApiUse[] {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => (f in sources ? sources[f] : readFile(f));
  host.fileExists = (f) => f in sources || fileExists(f);
  host.getSourceFile = (f, lang, onError, create) =>
    f in sources ? ts.createSourceFile(f, sources[f], lang, true) : getSourceFile(f, lang, onError, create);
  const program = ts.createProgram([...files, ...Object.keys(sources)], options, host);
  const checker = program.getTypeChecker();
  const sets = excelApiSets();
  const uses: ApiUse[] = [];
  const targets = new Set([...files, ...Object.keys(sources)].map((f) => path.resolve(f)));

  const excelMember = (symbol: ts.Symbol | undefined): string | null => {
    if (!symbol) return null;
    for (const d of symbol.declarations ?? []) {
      if (path.resolve(d.getSourceFile().fileName) !== path.resolve(OFFICE_DTS)) continue;
      const owner = d.parent;
      if (!(ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) || !owner.name) continue;
      // only namespace Excel (not Excel.Interfaces, not Office)
      const ns = owner.parent?.parent;
      if (!ns || !ts.isModuleDeclaration(ns) || ns.name.getText() !== 'Excel') continue;
      return `${owner.name.text}.${symbol.getName()}`;
    }
    return null;
  };

  for (const sf of program.getSourceFiles()) {
    if (!targets.has(path.resolve(sf.fileName))) continue;
    const visit = (node: ts.Node) => {
      let member: string | null = null;
      if (ts.isPropertyAccessExpression(node)) {
        member = excelMember(checker.getSymbolAtLocation(node.name));
      } else if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isObjectLiteralExpression(node.parent)) {
        const type = checker.getContextualType(node.parent);
        const name = node.name.getText(sf);
        const prop = type?.getNonNullableType().getProperty(name);
        member = excelMember(prop);
      }
      if (member) {
        const info = sets.get(member) ?? { excelApi: null, platformOnly: false, tag: null };
        uses.push({ member, info, file: path.relative(ROOT, sf.fileName), line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, guard: guardOf(node, sf) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

const CAP = /^(?:[\w.]+\.)?caps\.(\w+)$/;

/** The capability guarding a node: an enclosing if / ?: / && on `caps.<name>`. */
export function guardOf(node: ts.Node, sf: ts.SourceFile): string | null {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p)) {
      const { positive, negative } = capsIn(p.expression, sf);
      if (child === p.thenStatement && positive) return positive;
      if (child === p.elseStatement && negative) return negative;
    } else if (ts.isConditionalExpression(p)) {
      const { positive, negative } = capsIn(p.condition, sf);
      if (child === p.whenTrue && positive) return positive;
      if (child === p.whenFalse && negative) return negative;
    } else if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === p.right) {
      const { positive } = capsIn(p.left, sf);
      if (positive) return positive;
    }
  }
  return null;
}

/** `caps.x` or `caps.x && more` gives positive x; `!caps.x` gives negative x. */
function capsIn(expr: ts.Expression, sf: ts.SourceFile): { positive: string | null; negative: string | null } {
  const e = skipParens(expr);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = capsIn(e.operand, sf);
    return { positive: inner.negative, negative: inner.positive };
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    const l = capsIn(e.left, sf);
    const r = capsIn(e.right, sf);
    return { positive: l.positive ?? r.positive, negative: null };
  }
  const m = CAP.exec(e.getText(sf));
  return m ? { positive: m[1], negative: null } : { positive: null, negative: null };
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** The members a test double's classes declare through `implements Pick<Excel.X, 'a' | 'b'>`: "X.a", "X.b". */
export function implementedMembers(file: string): Set<string> {
  const options = compilerOptions();
  const program = ts.createProgram([file], options);
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(file);
  const out = new Set<string>();
  if (!sf) return out;
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node)) {
      for (const clause of node.heritageClauses ?? []) {
        if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
        for (const t of clause.types) {
          if (t.expression.getText(sf) !== 'Pick' || !t.typeArguments || t.typeArguments.length !== 2) continue;
          const target = t.typeArguments[0].getText(sf).replace(/^Excel\./, '');
          const keys = checker.getTypeFromTypeNode(t.typeArguments[1]);
          const literals = keys.isUnion() ? keys.types : [keys];
          for (const l of literals) if (l.isStringLiteral()) out.add(`${target}.${l.value}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
