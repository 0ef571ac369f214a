'use strict';
/**
 * The demo host's `hostname` (Debian's hostname package): without arguments it
 * prints the machine's name, the same one the simulated journal writes in its
 * `_HOSTNAME` field. Setting a name needs root on a real host; here it is refused.
 */
const stateLib = require('./state.js');

function main(argv) {
  if (argv.length > 0) {
    process.stderr.write('hostname: you must be root to change the host name\n');
    process.exitCode = 1;
    return;
  }
  try {
    const state = stateLib.readStateWithKernel();
    process.stdout.write(`${state.kernel.hostname}\n`);
  } catch (e) {
    process.stderr.write(`hostname: ${e && e.message ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

module.exports = { main };
