import { dirname } from 'node:path';

type Ts = typeof import('typescript');

/**
 * Type errors of a config file, checked like the repository's sources (strict, NodeNext, source
 * conditions). Empty when TypeScript is not installed: then only the runtime checks apply.
 */
export async function typeErrors(file: string): Promise<string[]> {
  let ts: Ts;
  try {
    ts = ((await import('typescript')) as { default: Ts }).default;
  } catch {
    return [];
  }
  const program = ts.createProgram([file], {
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['@bizmetrics/source'],
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: ['node'],
    baseUrl: dirname(file),
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file || !d.file)
    .map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n    ');
      if (!d.file || d.start === undefined) return text;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${d.file.fileName.split('/').pop()}:${line + 1}:${character + 1} ${text}`;
    });
}
