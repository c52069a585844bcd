import { defineConfig } from 'vite';

// `@bizmetrics/source` resolves workspace packages to their TypeScript sources, so the page builds
// without building the packages first.
export default defineConfig({
  resolve: { conditions: ['@bizmetrics/source', 'browser', 'module', 'import', 'default'] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
