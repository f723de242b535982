import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";

const backend = process.env.QUICKSHOW_API ?? "http://localhost:3000";

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // One .env at the repository root serves the server and the client (only VITE_* reaches the client,
  // e.g. VITE_CLERK_PUBLISHABLE_KEY).
  envDir: "..",
  server: {
    proxy: {
      "/api": backend,
      "/checkout": backend,
      "/media": backend,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The manifest lets scripts/bundle-size.mjs find the entry chunk and its static imports.
    manifest: true,
    sourcemap: false,
  },
});
