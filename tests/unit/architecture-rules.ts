/**
 * The rules of tests/unit/architecture.test.ts, on a file's syntax tree rather than its text: a forbidden module is
 * caught however it is reached (static or dynamic import, require, re-export, a relative path climbing out of the
 * pure core), and a word in a comment or a string is not mistaken for code.
 */
import path from "node:path";
import ts from "typescript";

export const root = path.resolve(__dirname, "..", "..");

/** Modules the pure core (scoring/, challenges/) never loads, with what each one is. */
const FORBIDDEN_MODULES: [RegExp, string][] = [
  [/^next(\/|$)|^next-auth(\/|$)|^@auth\//, "Next.js / Auth.js"],
  [/^react(-dom)?(\/|$)/, "React"],
  [/^drizzle-orm(\/|$)|^drizzle-kit(\/|$)/, "drizzle"],
  [/^(node:)?fs(\/promises)?$/, "node:fs"],
  [/^(node:)?zlib$/, "node:zlib"],
  [/^(node:)?child_process$/, "child_process"],
  [/^pg(\/|$)|^pg-boss(\/|$)|^@electric-sql\/pglite(\/|$)/, "a database driver (pg, pg-boss, PGlite)"],
  [/^@\/(db|app|lib)(\/|$)|^@\/auth$/, "the database, app or auth layers"],
];

/** Folders (and files) of the edges that a relative path from the core must not reach. */
const EDGES = ["app", "db", "lib", "auth.ts", "cli", "scripts", "bench"].map((p) => path.join(root, p));

export interface Violation {
  line: number;
  what: string;
}

function moduleViolation(specifier: string, file: string): string | null {
  for (const [pattern, what] of FORBIDDEN_MODULES) if (pattern.test(specifier)) return `imports ${what} ("${specifier}")`;
  if (specifier.startsWith(".")) {
    const target = path.resolve(path.dirname(file), specifier);
    const edge = EDGES.find((e) => target === e || target.startsWith(`${e}${path.sep}`) || target === e.replace(/\.ts$/, ""));
    if (edge) return `reaches ${path.relative(root, edge)} by a relative path ("${specifier}")`;
  }
  return null;
}

const isProcess = (n: ts.Node) => ts.isIdentifier(n) && n.text === "process";

/** Whether a binding name (an identifier or a destructuring pattern) declares `name`. */
function bindsName(name: ts.BindingName, wanted: string): boolean {
  if (ts.isIdentifier(name)) return name.text === wanted;
  return name.elements.some((e) => !ts.isOmittedExpression(e) && bindsName(e.name, wanted));
}

function declaresInList(list: ts.VariableDeclarationList | undefined, wanted: string): boolean {
  return !!list && list.declarations.some((d) => bindsName(d.name, wanted));
}

/** Whether `wanted` is declared by an enclosing scope of `node` (a parameter, a local, a loop variable, a function). */
function declaredLocally(node: ts.Node, wanted: string): boolean {
  for (let scope: ts.Node | undefined = node.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope) && scope.parameters.some((p) => bindsName(p.name, wanted))) return true;
    if (
      (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) &&
      scope.initializer &&
      ts.isVariableDeclarationList(scope.initializer)
    ) {
      if (declaresInList(scope.initializer, wanted)) return true;
    }
    if (ts.isCatchClause(scope) && scope.variableDeclaration && bindsName(scope.variableDeclaration.name, wanted)) return true;
    if (ts.isBlock(scope) || ts.isSourceFile(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
      for (const st of scope.statements) {
        if (ts.isVariableStatement(st) && declaresInList(st.declarationList, wanted)) return true;
        if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === wanted) return true;
      }
    }
  }
  return false;
}

/** Whether an identifier `process` is the global object used as a value (not a name, not a local of that name). */
function isGlobalProcess(node: ts.Identifier): boolean {
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === node) return false;
  if (
    (ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) &&
    p.name === node
  )
    return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p)) && p.name === node) return false;
  if (ts.isBindingElement(p) && p.propertyName === node) return false;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) return false;
  return !declaredLocally(node, "process");
}

/** Every violation of the pure core's rules in `source` (a file at `file`). */
export function violations(source: string, file: string): Violation[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Violation[] = [];
  const add = (node: ts.Node, what: string) => out.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, what });
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const v = moduleViolation(node.moduleSpecifier.text, file);
      if (v) add(node, v);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, "uses require (import = require())");
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, "uses a dynamic import()");
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "require") {
      add(node, "uses require()");
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      const v = moduleViolation(node.argument.literal.text, file);
      if (v) add(node, v);
    } else if (ts.isIdentifier(node) && isProcess(node) && isGlobalProcess(node)) {
      add(node, "uses the global process (process.env, its destructuring…)");
    } else if (
      ts.isPropertyAccessExpression(node) &&
      isProcess(node.name) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "globalThis"
    ) {
      add(node, "uses the global process (globalThis.process)");
    } else if (
      ts.isElementAccessExpression(node) &&
      ts.isStringLiteral(node.argumentExpression) &&
      node.argumentExpression.text === "process"
    ) {
      add(node, 'uses the global process (…["process"])');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every string literal in `source` equal to one of `values` (code only: comments are not read). */
export function literalUses(source: string, file: string, values: ReadonlySet<string>): Violation[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Violation[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && values.has(node.text)) {
      // An import's module path is not a use of the value.
      if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
        out.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, what: node.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const QUERY_BUILDER_CALLS = new Set(["select", "selectDistinct", "insert", "update", "delete", "execute"]);

/** Whether `e` names a database handle: `db`, `tx`, or a `.db` member (`handle.db`). */
function isDbHandle(e: ts.Expression): boolean {
  if (ts.isIdentifier(e)) return e.text === "db" || e.text === "tx";
  return ts.isPropertyAccessExpression(e) && e.name.text === "db";
}

/**
 * Database access written in place: a sql`…` template (sql.raw, sql.join included) or a query-builder call on a
 * database handle (db.select(…), tx.insert(…), handle.db.execute(…)). Queries belong in db/queries as fn(db, params);
 * a transaction around them (db.transaction) is orchestration and allowed anywhere.
 */
export function inlineQueries(source: string, file: string): Violation[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Violation[] = [];
  const add = (node: ts.Node, what: string) => out.push({ line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, what });
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === "sql") add(node, "a sql`…` template");
    else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "sql" &&
      (node.name.text === "raw" || node.name.text === "join")
    )
      add(node, `sql.${node.name.text}`);
    else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      QUERY_BUILDER_CALLS.has(node.expression.name.text) &&
      isDbHandle(node.expression.expression)
    ) {
      add(node, `a query-builder call (.${node.expression.name.text})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
