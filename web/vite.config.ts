// The web app's build: Preact through Vite's own JSX transform (no Babel), routes split into
// chunks so that a person's first screen loads only what it shows. Output: web/dist, served by the
// platform itself (src/http/web/route.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './precompress';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [precompress(`${root}/dist`)],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/auth': 'http://127.0.0.1:8080', '/log': 'http://127.0.0.1:8080', '/.well-known': 'http://127.0.0.1:8080' } },
});
