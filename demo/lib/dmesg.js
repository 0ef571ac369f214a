'use strict';
/**
 * The demo host's `dmesg` (util-linux): the kernel ring buffer, i.e. the same
 * kernel lines journalctl -k shows, with `[uptime]` stamps ("[ 2367.637333] "
 * as in snapd-lab transcript 78).
 *
 * The ring buffer is small (Ubuntu: CONFIG_LOG_BUF_SHIFT=18, 256 KiB of
 * records), so only the newest lines are left once it has wrapped, like on a
 * real host; $DEMO_DMESG_BUFFER_BYTES changes its size.
 *
 * Unprivileged users get "read kernel buffer failed: Operation not permitted"
 * (kernel.dmesg_restrict=1 on Ubuntu): DEMO_DMESG_DENIED=1, or DEMO_JOURNAL_DENIED.
 */

const PROG = 'dmesg';

class DmesgError extends Error {
  constructor(message, exit) {
    super(message);
    this.exit = exit === undefined ? 1 : exit;
  }
}

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];

function parseArgs(argv) {
  const o = { time: 'default', levels: null, raw: false, kernel: false };
  const takeValue = (a, name, i) => {
    const eq = a.indexOf('=');
    if (eq >= 0) return [a.slice(eq + 1), i];
    if (i + 1 >= argv.length) throw new DmesgError(`${PROG}: option '${name}' requires an argument\nTry '${PROG} --help' for more information.`);
    return [argv[i + 1], i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-T' || a === '--ctime') o.time = 'ctime';
    else if (a === '-t' || a === '--notime') o.time = 'notime';
    else if (a === '-r' || a === '--raw') o.raw = true;
    else if (a === '-k' || a === '--kernel') o.kernel = true;
    else if (a === '-P' || a === '--nopager' || a === '-L' || a === '--color=never' || a === '--color') {
      /* no pager, no colours when not on a terminal */
    } else if (a === '--time-format' || a.startsWith('--time-format=')) {
      let v;
      [v, i] = takeValue(a, '--time-format', i);
      if (!['ctime', 'notime', 'iso', 'raw'].includes(v)) throw new DmesgError(`${PROG}: unknown time format: ${v}`);
      o.time = v === 'raw' ? 'default' : v;
    } else if (a === '-l' || a === '--level' || a.startsWith('--level=') || /^-l./.test(a)) {
      let v;
      if (/^-l./.test(a)) v = a.slice(2);
      else [v, i] = takeValue(a, '--level', i);
      o.levels = new Set();
      for (const name of v.split(',')) {
        const n = LEVELS.indexOf(name.trim());
        if (n < 0) throw new DmesgError(`${PROG}: unknown level '${name}'`);
        o.levels.add(n);
      }
    } else if (a.startsWith('--')) {
      throw new DmesgError(`${PROG}: unrecognized option '${a.split('=')[0]}'\nTry '${PROG} --help' for more information.`);
    } else if (a.startsWith('-') && a.length > 1) {
      throw new DmesgError(`${PROG}: invalid option -- '${a[1]}'\nTry '${PROG} --help' for more information.`);
    } else {
      throw new DmesgError(`${PROG}: bad usage\nTry '${PROG} --help' for more information.`);
    }
  }
  return o;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n) => (n < 10 ? '0' + n : String(n));

function stamp(o, e, bootMs) {
  const sec = Math.floor(e.src / 1000000);
  const usec = String(e.src % 1000000).padStart(6, '0');
  if (o.time === 'notime') return '';
  if (o.time === 'ctime') {
    const d = new Date(bootMs + Math.floor(e.src / 1000));
    return `[${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())} ${d.getFullYear()}] `;
  }
  if (o.time === 'iso') {
    const d = new Date(bootMs + Math.floor(e.src / 1000));
    const off = -d.getTimezoneOffset();
    const z = (off < 0 ? '-' : '+') + p2(Math.floor(Math.abs(off) / 60)) + ':' + p2(Math.abs(off) % 60);
    return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())},${usec}${z} `;
  }
  return `[${String(sec).padStart(5, ' ')}.${usec}] `;
}

function run(argv) {
  const o = parseArgs(argv);
  const denied = (v) => v && v !== '0' && v !== 'false' && v !== 'no';
  if (denied(process.env.DEMO_DMESG_DENIED) || denied(process.env.DEMO_JOURNAL_DENIED)) {
    throw new DmesgError(`${PROG}: read kernel buffer failed: Operation not permitted`);
  }
  const stateLib = require('./state.js');
  const kernel = require('./kernel.js');
  const { now } = require('./timefmt.js');
  const state = stateLib.readStateWithKernel();
  if (state.replay) throw new DmesgError(`${PROG}: ${stateLib.notInSnapshot('the kernel log', state)}`);
  const bootMs = Date.parse(state.kernel.bootTime);
  const capacity = Number.parseInt(process.env.DEMO_DMESG_BUFFER_BYTES || '', 10) || 262144;

  // keep the newest records that fit in the ring buffer (text + a 16-byte record header, 8-byte aligned)
  let ring = [];
  let sizes = [];
  let start = 0;
  let bytes = 0;
  kernel.forEachEntry(state, stateLib.statePath(), now(), (e) => {
    const size = (Buffer.byteLength(e.msg) + 16 + 7) & ~7;
    ring.push(e);
    sizes.push(size);
    bytes += size;
    while (bytes > capacity && ring.length - start > 1) bytes -= sizes[start++];
    if (start > 65536) {
      ring = ring.slice(start);
      sizes = sizes.slice(start);
      start = 0;
    }
    return true;
  });
  let out = '';
  for (let i = start; i < ring.length; i++) {
    const e = ring[i];
    if (o.levels && !o.levels.has(e.prio)) continue;
    out += (o.raw ? `<${e.prio}>` : '') + stamp(o, e, bootMs) + e.msg + '\n';
  }
  process.stdout.write(out);
  return 0;
}

function main(argv) {
  process.stdout.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(0);
  });
  try {
    process.exitCode = run(argv);
  } catch (e) {
    process.stderr.write((e && e.message ? e.message : String(e)) + '\n');
    process.exitCode = e instanceof DmesgError ? e.exit : 1;
  }
}

module.exports = { main };
