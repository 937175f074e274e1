// Builds the Electron main process and the server it embeds in one pass: out/main/index.js (what
// `npm start` runs) imports out/server/start.js, the same module out/server/cli.js (`npm run serve`)
// and the integration tests run. The browser bundle is built by renderer/vite.config.ts.
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out',
      // out/renderer belongs to the renderer build; scripts/build.mjs clears out/main and out/server.
      emptyOutDir: false,
      // `serve` runs this bundle on plain Node 20.19+, Electron on its own newer Node.
      target: 'node20.19',
      // Every package in package.json "dependencies" stays a runtime import instead of being
      // bundled: libsql is a native module and must load its prebuilt binary from node_modules,
      // and the built server must run on production dependencies alone.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          'main/index': 'main/index.ts',
          'server/cli': 'server/cli.ts',
          'server/start': 'server/start.ts',
        },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'server/chunks/[name]-[hash].js',
        },
      },
    },
  },
});
