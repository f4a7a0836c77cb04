import { defineConfig } from 'vite';

// The gateway that `npm run dev` talks to: its paths are proxied, so the page and the API share an
// origin (as when the jar serves the built page) and no CORS set-up is needed.
const gateway = process.env.GATEWAY_URL || 'http://127.0.0.1:8080';

export default defineConfig({
  build: {
    // The gateway serves this folder from its jar: index.html at /, everything else under /app/.
    // Committed, so the Maven build needs no Node; CI rebuilds it and fails when it is stale.
    outDir: '../../app/src/main/resources/web',
    emptyOutDir: true,
    assetsDir: 'app',
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': gateway,
      '/mode': gateway,
    },
  },
});
