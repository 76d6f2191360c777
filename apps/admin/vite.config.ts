import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the API at /admin/ (static files from apps/admin/dist).
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    // `npm run dev -w @zczr/admin`: forward API calls to a locally running API.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
