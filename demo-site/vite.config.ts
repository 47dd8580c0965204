import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

// Two pages: the storefront (index.html, history routes served by the demo server) and the
// pipeline console (pipeline.html, served at /pipeline). The SDK is not bundled here: the
// storefront loads the built IIFE by <script> tag, as customers do.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { store: page('index.html'), pipeline: page('pipeline.html') } },
  },
});
