import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type ts from 'typescript';

// TypeScript is the repository's pinned compiler (root devDependency), resolved from the root.
const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const typescript = createRequire(join(REPO_ROOT, 'package.json'))('typescript') as typeof ts;

/** One entry point of a package: `.` or a subpath, and the source file its source condition names. */
export interface PackageEntry {
  readonly packageDir: string;
  readonly packageName: string;
  readonly subpath: string;
  readonly file: string;
}

/** What one entry exports: each name with its declaration, as the checker prints it. */
export interface EntryReport {
  readonly entry: PackageEntry;
  readonly exports: readonly { readonly name: string; readonly text: string }[];
}

const PACKAGE_DIRS = ['packages', 'deploy/local'];

/** Every workspace package under packages/ (and deploy/local) with its `exports` entries. */
export function packageEntries(): PackageEntry[] {
  const dirs = [
    ...readdirSync(join(REPO_ROOT, 'packages')).map((d) => join('packages', d)),
    ...PACKAGE_DIRS.slice(1),
  ];
  const out: PackageEntry[] = [];
  for (const dir of dirs.sort()) {
    let pkg: { name: string; exports?: Record<string, Record<string, string> | string> };
    try {
      pkg = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const file = typeof target === 'string' ? target : target['@bizmetrics/source'];
      if (!file?.endsWith('.ts') && !file?.endsWith('.tsx')) continue;
      out.push({ packageDir: dir, packageName: pkg.name, subpath, file: join(REPO_ROOT, dir, file) });
    }
  }
  return out;
}

const FORMAT =
  typescript.TypeFormatFlags.NoTruncation |
  typescript.TypeFormatFlags.WriteArrowStyleSignature |
  typescript.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

/** Drops `import("…/file").` qualifiers: names only, and nothing that depends on the machine's paths. */
function unqualified(text: string): string {
  return text.replace(/import\("[^"]*"(?:, \{ with: \{ "resolution-mode": "import" \} \})?\)\./g, '');
}

/** The exports of every entry, read by one TypeScript program over the sources. */
export function apiReport(entries: readonly PackageEntry[]): EntryReport[] {
  const program = typescript.createProgram(
    entries.map((e) => e.file),
    {
      target: typescript.ScriptTarget.ES2023,
      module: typescript.ModuleKind.NodeNext,
      moduleResolution: typescript.ModuleResolutionKind.NodeNext,
      allowImportingTsExtensions: true,
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      jsx: typescript.JsxEmit.ReactJSX,
      customConditions: ['@bizmetrics/source'],
      types: ['node'],
      typeRoots: [join(REPO_ROOT, 'node_modules/@types')],
    },
  );
  const checker = program.getTypeChecker();
  return entries.map((entry) => {
    const source = program.getSourceFile(entry.file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`cannot read ${entry.file}`);
    const exports = checker
      .getExportsOfModule(module)
      .map((symbol) => ({ name: symbol.name, text: unqualified(describe(checker, symbol)) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { entry, exports };
  });
}

/** One line (or block) per export: its kind and signature, with no file positions in it. */
function describe(checker: ts.TypeChecker, exported: ts.Symbol): string {
  const symbol =
    exported.flags & typescript.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const name = exported.name;
  const flags = symbol.flags;
  const parts: string[] = [];
  if (flags & typescript.SymbolFlags.Function) {
    const type = checker.getTypeOfSymbol(symbol);
    for (const sig of type.getCallSignatures())
      parts.push(`function ${name}${checker.signatureToString(sig, undefined, FORMAT)}`);
  }
  if (flags & typescript.SymbolFlags.Class) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    parts.push(`class ${name} {${members(checker, type)}}`);
  }
  if (flags & typescript.SymbolFlags.Interface) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    parts.push(`interface ${name}${typeParameters(checker, type)} {${members(checker, type)}}`);
  }
  if (flags & typescript.SymbolFlags.TypeAlias) {
    const decl = symbol.declarations?.find(typescript.isTypeAliasDeclaration);
    const params = decl?.typeParameters
      ? `<${decl.typeParameters.map((p) => normalize(p.getText())).join(', ')}>`
      : '';
    const body = decl
      ? normalize(decl.type.getText())
      : checker.typeToString(checker.getDeclaredTypeOfSymbol(symbol), undefined, FORMAT);
    parts.push(`type ${name}${params} = ${body}`);
  }
  if (flags & typescript.SymbolFlags.Variable) {
    const type = checker.getTypeOfSymbol(symbol);
    parts.push(`const ${name}: ${checker.typeToString(type, undefined, FORMAT)}`);
  }
  if (flags & typescript.SymbolFlags.Enum) parts.push(`enum ${name}`);
  return parts.length ? parts.join('\n') : `${name}`;
}

function typeParameters(checker: ts.TypeChecker, type: ts.Type): string {
  const params = (type as ts.InterfaceType).typeParameters;
  return params?.length ? `<${params.map((p) => checker.typeToString(p)).join(', ')}>` : '';
}

function members(checker: ts.TypeChecker, type: ts.Type): string {
  const lines = checker.getPropertiesOfType(type).map((p) => {
    const decl = p.valueDeclaration ?? p.declarations?.[0];
    const optional = p.flags & typescript.SymbolFlags.Optional ? '?' : '';
    const modifiers = decl ? typescript.getCombinedModifierFlags(decl as ts.Declaration) : 0;
    if (modifiers & (typescript.ModifierFlags.Private | typescript.ModifierFlags.Protected)) return undefined;
    const readonly = modifiers & typescript.ModifierFlags.Readonly ? 'readonly ' : '';
    const t = decl ? checker.getTypeOfSymbolAtLocation(p, decl) : checker.getTypeOfSymbol(p);
    return `  ${readonly}${p.name}${optional}: ${checker.typeToString(t, undefined, FORMAT)};`;
  });
  const kept = lines.filter(Boolean);
  return kept.length ? `\n${kept.join('\n')}\n` : '';
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The checked-in report of one package: each entry with its export count and declarations. */
export function renderPackageReport(reports: readonly EntryReport[]): string {
  const first = reports[0]!.entry;
  const lines = [
    `# API report: ${first.packageName}`,
    '',
    'Generated by `corepack pnpm api-report`; a test fails when it is stale.',
    'A change here is a change of the public surface: review it like one.',
    '',
  ];
  for (const r of reports) {
    const name =
      r.entry.subpath === '.' ? first.packageName : `${first.packageName}/${r.entry.subpath.slice(2)}`;
    lines.push(
      `## \`${name}\` (${r.exports.length} exports)`,
      '',
      `Source: \`${relative(join(REPO_ROOT, r.entry.packageDir), r.entry.file)}\``,
      '',
      '```ts',
      ...r.exports.map((e) => e.text),
      '```',
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Where a package's report is checked in. */
export function reportPath(packageDir: string): string {
  return join(REPO_ROOT, packageDir, 'api-report.md');
}
