/** @type {import('next').NextConfig} */
const nextConfig = {
  // The dashboard is a host tool: no telemetry, no image optimiser, no powered-by header.
  poweredByHeader: false,
  images: { unoptimized: true },
  reactStrictMode: true,
};
module.exports = nextConfig;
