import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** The web app: built into dist/web and served by the Fastify process (src/server/plugins/web-app.ts). */
export default defineConfig({
  root: here('./src/web'),
  plugins: [react()],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    // The CSP forbids inline scripts and styles; keep every asset a file.
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // One file per language for the message catalogues that load on demand (src/web/i18n), rather
          // than one small request per feature file.
          groups: [
            {
              name: (id) => {
                const locale = /\/i18n\/locales\/(nl|en)\/(?!shell\.json)/.exec(id)?.[1];
                return locale ? `i18n-${locale}` : null;
              },
            },
          ],
        },
      },
    },
  },
  server: {
    // `npx vite` serves the app with hot reload and sends API calls to `npm start` on port 3000.
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
