// `npm pack` (scripts/package.mjs) builds the installable package with this set: Next's standalone
// server, holding only the node_modules files it really loads, in its own directory so the
// checkout's .next (npm start, the e2e tests) is left alone.
const forPackage = process.env.CONFINEMENT_DASHBOARD_BUILD_PACKAGE === '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The dashboard is a host tool: no telemetry, no image optimiser, no powered-by header.
  poweredByHeader: false,
  images: { unoptimized: true },
  reactStrictMode: true,
  ...(forPackage
    ? {
        output: 'standalone',
        distDir: '.next-package',
        // Trace from here, not from a parent directory that happens to hold a lockfile.
        outputFileTracingRoot: __dirname,
        // Images are not optimised: sharp and its 19 MB of native libraries are never loaded.
        // (Paths built from process.cwd() also make the tracer copy the checkout's own files;
        // scripts/package.mjs keeps only what the server runs.)
        outputFileTracingExcludes: { '*': ['node_modules/sharp/**', 'node_modules/@img/**'] },
      }
    : {}),
  // The build checks the app's own code; `npm test` type-checks everything (tests included) with tsc.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  experimental: {
    // proxy.ts runs for every request, so Next buffers each request body for it, before any
    // route can refuse it. Cap that at the largest body a route accepts (a pasted 5 MiB log
    // plus JSON overhead) rather than Next's 10 MiB default.
    proxyClientMaxBodySize: '6mb',
  },
};
module.exports = nextConfig;
