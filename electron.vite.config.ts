// Builds the Electron main process (main/ plus the server it embeds) into out/main/index.js.
// The browser bundle is not built here: `npm run build:renderer` builds it and Koa serves it to
// the host window and to phones alike, so there is no renderer or preload section.
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Every package in package.json "dependencies" stays a runtime import instead of being
      // bundled (electron-vite's default, stated here because it matters): libsql is a native
      // module and must load its prebuilt binary from node_modules.
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: 'main/index.ts' },
      },
    },
  },
});
