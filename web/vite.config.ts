import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Two entries: the staff app (index.html) and the light public portal (portal.html), which must
// never load the staff bundle.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { index: `${root}index.html`, portal: `${root}portal.html` },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
