/** @type {import('next').NextConfig} */
const nextConfig = {
  // The dashboard is a host tool: no telemetry, no image optimiser, no powered-by header.
  poweredByHeader: false,
  images: { unoptimized: true },
  reactStrictMode: true,
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
