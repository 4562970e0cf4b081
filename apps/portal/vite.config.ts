// The web app's build (ADR 0014): static files in dist/portal, which the gateway serves under /app.
// No plugin: Vite's own transform compiles TSX with React's automatic runtime.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/app/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: here('../../dist/portal'),
    emptyOutDir: true,
    // The gateway's CSP allows no inline script or style: never inline an asset or a module preload polyfill.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080', '/portal': 'http://127.0.0.1:8080' } },
});
