// Preloaded with --import: notes every module Node resolves (ESM and require alike) and prints the
// list as JSON on exit, so a test sees the real module graph of a process, lazy loads included.
import { registerHooks } from 'node:module';

const urls = new Set<string>();
registerHooks({
  resolve(specifier, context, next) {
    const result = next(specifier, context);
    urls.add(result.url);
    return result;
  },
});
process.on('exit', () => {
  process.stdout.write(`\nMODULES ${JSON.stringify([...urls])}\n`);
});
