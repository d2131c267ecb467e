/**
 * Next.js config for the flopcast dashboard.
 * The engine (@flopcast/engine) is consumed from its built dist (package export `default`);
 * turbo builds it before this package (`dependsOn: ["^build"]`).
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The engine is pure TypeScript compiled to ESM; nothing to transpile, but keep it bundled (not external)
  // so client and server share one copy of the catalog.
  transpilePackages: ['@flopcast/engine'],
};
export default nextConfig;
