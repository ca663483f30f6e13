import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Built into web/dist and served by `argus serve` at `/` (src/server/dashboard/static-assets.ts).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 400 },
  server: { proxy: { '/api': 'http://127.0.0.1:7070' } },
});
