// Builds what browsers run (htmx, its SSE extension, Alpine islands, the stylesheet) into
// out/renderer/, which Koa serves. Fixed file names: the server adds its own content hash to URLs.
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export const rendererConfig: UserConfig = {
  root,
  // icon.svg and other static files are copied as they are.
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    cssCodeSplit: false,
    modulePreload: false,
    rollupOptions: {
      input: { app: fileURLToPath(new URL('./main.ts', import.meta.url)) },
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: '[name].js',
        assetFileNames: (info) =>
          info.names.some((n) => n.endsWith('.css')) ? 'app.css' : '[name][extname]',
      },
    },
  },
};

export default rendererConfig;
