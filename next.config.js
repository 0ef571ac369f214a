/** @type {import('next').NextConfig} */
const nextConfig = {
  // The dashboard is a host tool: no telemetry, no image optimiser, no powered-by header.
  poweredByHeader: false,
  images: { unoptimized: true },
  reactStrictMode: true,
  // The build checks the app's own code; `npm test` type-checks everything (tests included) with tsc.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
};
module.exports = nextConfig;
