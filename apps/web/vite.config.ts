import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The API serves dist/ at `/` and JSON under `/api`; in dev the same paths reach it through the proxy,
// so the app never needs to know which origin it runs on.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: { port: 4173 },
  build: {
    // scripts/bundle-size.mjs reads the manifest to sum the entry chunk and its static imports.
    manifest: true,
    target: 'es2022',
    sourcemap: false,
  },
})
