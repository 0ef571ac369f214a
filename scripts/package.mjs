#!/usr/bin/env node
// `npm pack`'s prepack step: makes the package self-contained, so that
// `npm install ./confinement-dashboard-*.tgz` fetches nothing and runs without the source tree.
//   dist/server/  Next's standalone server: the compiled app plus only the node_modules files it
//                 loads (traced by Next), with the static assets beside it;
//   dist/cli.mjs  the TypeScript CLI (denials, token, install-service) bundled by esbuild.
// Every npm dependency is therefore a build input (devDependencies); the package has none.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = '.next-package'; // next.config.js, CONFINEMENT_DASHBOARD_BUILD_PACKAGE=1
const dist = path.join(root, 'dist');
const started = Date.now();

function must(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  if (r.status !== 0) throw new Error(`package: ${path.basename(cmd)} ${args.join(' ')} failed`);
}

function duKiB(dir) {
  let bytes = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) bytes += fs.statSync(path.join(e.parentPath, e.name)).size;
  }
  return Math.round(bytes / 1024);
}

console.log('package: building the standalone server');
fs.rmSync(path.join(root, distDir), { recursive: true, force: true });
// next build rewrites next-env.d.ts to point at its dist dir; the checkout's build owns that file.
const nextEnv = path.join(root, 'next-env.d.ts');
const nextEnvBefore = fs.existsSync(nextEnv) ? fs.readFileSync(nextEnv) : null;
try {
  must(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { CONFINEMENT_DASHBOARD_BUILD_PACKAGE: '1' });
} finally {
  if (nextEnvBefore) fs.writeFileSync(nextEnv, nextEnvBefore);
  else fs.rmSync(nextEnv, { force: true });
}

fs.rmSync(dist, { recursive: true, force: true });
const server = path.join(dist, 'server');
fs.cpSync(path.join(root, distDir, 'standalone'), server, { recursive: true, verbatimSymlinks: true });
// The standalone server serves static assets only from its own copy of the dist dir.
fs.cpSync(path.join(root, distDir, 'static'), path.join(server, distDir, 'static'), { recursive: true });
// The tracer also copies files of the checkout that paths built from process.cwd() point into
// (sources, tests, docs): the server runs none of them.
const KEEP = new Set(['server.js', 'package.json', 'node_modules', distDir]);
for (const name of fs.readdirSync(server)) if (!KEEP.has(name)) fs.rmSync(path.join(server, name), { recursive: true, force: true });
if (!fs.existsSync(path.join(server, 'server.js'))) {
  console.error('package: the build made no standalone server.js');
  process.exit(1);
}

console.log('package: bundling the CLI');
const { build } = await import('esbuild');
await build({
  entryPoints: [path.join(root, 'cli', 'main.ts')],
  outfile: path.join(dist, 'cli.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // `server-only` resolves to its no-op under this condition, as inside Next's server bundle.
  conditions: ['react-server'],
  tsconfig: path.join(root, 'tsconfig.json'),
  legalComments: 'none',
  // Some bundled CommonJS modules call require() for Node built-ins.
  banner: { js: "import { createRequire as __cdCreateRequire } from 'node:module'; const require = __cdCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

console.log(`package: dist/server ${duKiB(server)} KiB, dist/cli.mjs ${Math.round(fs.statSync(path.join(dist, 'cli.mjs')).size / 1024)} KiB, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
