import { defineConfig } from 'vite';

// The built files are embedded in the yusuan binary: no inline scripts (the server's CSP forbids
// them), no data: URIs for scripts, stable relative layout under dist/assets/.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    emptyOutDir: true,
  },
});
