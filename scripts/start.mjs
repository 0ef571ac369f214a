#!/usr/bin/env node
// `npm start` / `npm run demo`: the same as `confinement-dashboard serve` (bin/serve.mjs).
//   node scripts/start.mjs           the real host (snap, microk8s, journalctl on PATH)
//   node scripts/start.mjs --demo    the built-in simulated host, in a fresh temporary state
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../bin/serve.mjs';

serve(process.argv.slice(2), path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
