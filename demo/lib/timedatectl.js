'use strict';
/**
 * The demo host's `timedatectl` (systemd 255), the `show` verb only: `KEY=VALUE` lines of
 * systemd-timedated's properties, `-p`/`--property=` selecting them, `--value` printing only the
 * values (timedatectl(1); systemd's bus_print_property_value).
 *
 * The simulated host's zone is `TZ` (the dashboard sets it from DEMO_TZ), standing in for the
 * host's /etc/localtime; without TZ it is this machine's. `DEMO_NO_SYSTEMD=1`: a host without
 * systemd as PID 1 (a container, a SysV-init host), where timedatectl cannot reach timedated and
 * prints what Debian 12's systemd 252 prints there, exit 1.
 */

function zoneName() {
  const tz = (process.env.TZ || '').replace(/^:/, '');
  if (tz) return tz;
  const resolved = new Intl.DateTimeFormat('en').resolvedOptions().timeZone;
  // Debian and Ubuntu link /etc/localtime to Etc/UTC; Intl calls that zone plain "UTC".
  return resolved === 'UTC' ? 'Etc/UTC' : resolved;
}

function properties() {
  return [
    ['Timezone', zoneName()],
    ['LocalRTC', 'no'],
    ['CanNTP', 'yes'],
    ['NTP', 'yes'],
    ['NTPSynchronized', 'yes'],
  ];
}

function main(argv) {
  if (/^(1|true|yes)$/.test(process.env.DEMO_NO_SYSTEMD || '')) {
    process.stderr.write("System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n");
    process.exitCode = 1;
    return;
  }
  const wanted = [];
  let value = false;
  const verbs = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--value') value = true;
    else if (a === '-p' || a === '--property') {
      if (i + 1 >= argv.length) {
        process.stderr.write(`timedatectl: option '${a}' requires an argument\n`);
        process.exitCode = 1;
        return;
      }
      wanted.push(...argv[++i].split(','));
    } else if (a.startsWith('--property=')) wanted.push(...a.slice('--property='.length).split(','));
    else if (a.startsWith('-p') && a.length > 2) wanted.push(...a.slice(2).split(','));
    else if (a === '-a' || a === '--all' || a === '--no-pager' || a === '--no-ask-password') continue;
    else if (a.startsWith('-')) {
      process.stderr.write(`timedatectl: unrecognized option '${a}'\n`);
      process.exitCode = 1;
      return;
    } else verbs.push(a);
  }
  const verb = verbs[0] || 'status';
  // A host replayed from a snapshot: its zone was never recorded, and this machine's is not it.
  const stateLib = require('./state.js');
  const state = stateLib.readState();
  if (state.replay) {
    process.stderr.write(`${stateLib.notInSnapshot('The time zone', state)}\n`);
    process.exitCode = 1;
    return;
  }
  if (verb !== 'show') {
    // Only `show` is simulated: the dashboard reads nothing else.
    process.stderr.write(`Unknown command verb '${verb}'.\n`);
    process.exitCode = 1;
    return;
  }
  const rows = properties().filter(([k]) => wanted.length === 0 || wanted.includes(k));
  process.stdout.write(rows.map(([k, v]) => (value ? `${v}\n` : `${k}=${v}\n`)).join(''));
}

module.exports = { main };
