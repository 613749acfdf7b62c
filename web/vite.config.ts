// The web app's build: Preact through Vite's own JSX transform (no Babel), routes split into
// chunks so that a person's first screen loads only what it shows. Output: web/dist, served by the
// platform itself (src/http/web/route.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from './precompress';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The example file of docs/exchange served with the app at /exchange/…, so that the import screen
 * links to the very file the documentation describes (emitted at build time, never a second copy).
 */
function exchangeExample(): Plugin {
  const source = fileURLToPath(new URL('../docs/exchange/attestations.example.csv', import.meta.url));
  const path = '/exchange/attestations.example.csv';
  return {
    name: 'khwamdee-exchange-example',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: path.slice(1), source: readFileSync(source) });
    },
    configureServer(server) {
      server.middlewares.use(path, (_req, res) => {
        res.setHeader('content-type', 'text/csv; charset=utf-8');
        res.end(readFileSync(source));
      });
    },
  };
}

export default defineConfig({
  root,
  plugins: [exchangeExample(), precompress(`${root}/dist`)],
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
