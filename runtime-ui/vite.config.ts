import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app's build. The Forecourt server serves `dist/` (server/src/routes/web.ts); `manifest` lets
 * scripts/ui-size.mjs tell the shell (the entry and what it imports statically) from the lazy page chunks.
 * `pnpm dev` here proxies the API to a server started with `pnpm start` at the repository root.
 */
export default defineConfig({
  plugins: [react()],
  // The designer package (designer/) is hosted here: one React, one antd, one i18next instance.
  resolve: { dedupe: ['react', 'react-dom', 'antd', '@ant-design/icons', 'i18next', 'react-i18next'] },
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
