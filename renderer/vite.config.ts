// Builds the renderer once for both transports: Electron loads dist/renderer over app://, browser
// mode serves it from the loopback server. Relative asset paths (base './') work under both.
// Paths are relative to the repository root (the build runs as `vite build --config renderer/vite.config.ts`);
// no Node imports here, so the renderer tree stays Node-free.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    // Two pages: the centre's app, and HQ mode's (served by `centre web --hq`). Relative to `root`.
    rollupOptions: { input: { index: 'renderer/index.html', hq: 'renderer/hq.html' } },
  },
  server: { host: '127.0.0.1' },
});
