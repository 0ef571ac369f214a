'use strict';
/**
 * Command-line front end of the demo `snap`: parses arguments the way
 * go-flags does for cmd/snap, runs the command against the state and prints
 * exactly what the real CLI prints (stdout / stderr / exit code).
 */

const m = require('./model.js');
const { SnapError } = m;

// --------------------------------------------------------------- argument parsing

const usageError = (msg) => new SnapError(msg, { exit: 64 });

/**
 * go-flags, as configured for cmd/snap: options may come before, between or
 * after positionals; `--` ends options; `--opt=value` or `--opt value`.
 * spec: { name: 'bool' | 'string' | 'list' | ['choice', ...values] }
 */
function parseOptions(args, spec) {
  const opts = {};
  const positionals = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      let value = eq < 0 ? undefined : a.slice(eq + 1);
      const kind = spec[name];
      if (name === 'help') throw Object.assign(new SnapError(''), { help: true });
      if (!kind) throw usageError(`unknown flag \`${name}'`);
      if (kind === 'bool') {
        if (value !== undefined) throw usageError(`bool flag \`--${name}' cannot have an argument`);
        opts[name] = true;
        continue;
      }
      if (value === undefined) {
        if (i + 1 >= args.length) throw usageError(`expected argument for flag \`--${name}'`);
        value = args[++i];
      }
      if (Array.isArray(kind)) {
        if (!kind.includes(value)) {
          const allowed = kind.length > 1 ? kind.slice(0, -1).join(', ') + ' or ' + kind[kind.length - 1] : kind[0];
          throw usageError(`Invalid value \`${value}' for option \`--${name}'. Allowed values are: ${allowed}`);
        }
        opts[name] = value;
      } else if (kind === 'list') {
        (opts[name] = opts[name] || []).push(value);
      } else {
        opts[name] = value;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (a === '-h') throw Object.assign(new SnapError(''), { help: true });
      throw usageError(`unknown flag \`${a.slice(1, 2)}'`);
    }
    positionals.push(a);
  }
  return { opts, positionals };
}

function tooMany() {
  return new SnapError('too many arguments for command');
}

/*
 * go-flags hands a positional argument's UnmarshalFlag error back unwrapped (not
 * a *flags.Error), so cmd/snap reports it like any other error: exit 1, not 64.
 * Checked against snapd 2.57.6: `snap disconnect microk8s`, `snap connect a:b snapd:`
 * (test/demo/fixtures/snapd-args/).
 */
const invalidValue = (value, want) => new SnapError(`invalid value: ${JSON.stringify(value)} (want ${want})`);

/** interfaces_common.go SnapAndName.UnmarshalFlag: "snap:name", "snap" or ":name" ("snap:" is refused). */
function snapAndName(value) {
  const parts = value.split(':');
  let snap = '';
  let name = '';
  if (parts.length === 1) snap = parts[0];
  else if (parts.length === 2) {
    snap = parts[0];
    name = parts[1];
    if (name === '') snap = ''; // "snap:" should be spelled "snap"
  }
  if (snap === '' && name === '') throw invalidValue(value, 'snap:name or snap');
  return { snap, name };
}

/** interfaces_common.go SnapAndNameStrict.UnmarshalFlag: "snap:name" or ":name" only. */
function snapAndNameStrict(value) {
  const parts = value.split(':');
  if (parts.length !== 2 || parts[1] === '') throw invalidValue(value, 'snap:name or :name');
  return { snap: parts[0], name: parts[1] };
}

function requireArg(positionals, index, name) {
  if (positionals.length <= index) throw usageError(`the required argument \`${name}\` was not provided`);
}

// --------------------------------------------------------------- commands

function lazyState() {
  return require('./state.js');
}
function render() {
  return require('./render.js');
}

function denyMutations() {
  const v = process.env.DEMO_SNAP_DENY_MUTATIONS;
  if (v === '1' || v === 'true' || v === 'yes') {
    // kind login-required as seen by a non-root user: cmd/snap/error.go adds "(try with sudo)".
    throw m.daemonError('access denied (try with sudo)');
  }
}

/**
 * DEMO_SNAPD_SLOW_MS=N: a snapd that answers connect/disconnect only after N ms (busy, or
 * frozen and resumed), then makes the change as usual: its spawn time is when it answered,
 * as with a real snapd that was stopped (test/snapd/hung.test.ts). Reads are not delayed.
 */
function slowSnapd() {
  const ms = Number(process.env.DEMO_SNAPD_SLOW_MS);
  if (Number.isFinite(ms) && ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(ms, 600000));
}

const commands = {
  version(args) {
    const { positionals } = parseOptions(args, {});
    if (positionals.length) throw tooMany();
    return render().version(lazyState().readState());
  },

  list(args) {
    const { opts, positionals } = parseOptions(args, { all: 'bool', color: ['auto', 'never', 'always'], unicode: ['auto', 'never', 'always'] });
    return render().list(lazyState().readState(), positionals, opts);
  },

  refresh(args) {
    const { opts, positionals } = parseOptions(args, { list: 'bool', color: ['auto', 'never', 'always'], unicode: ['auto', 'never', 'always'] });
    // snap's own check (cmd_snap_op.go): --list takes nothing else
    if (opts.list && positionals.length) throw new SnapError('--list does not accept additional arguments');
    if (!opts.list) throw new SnapError('the simulated host does not refresh snaps; only `snap refresh --list` is simulated');
    return render().refreshList(lazyState().readState(), opts);
  },

  connections(args) {
    const { opts, positionals } = parseOptions(args, { all: 'bool' });
    if (positionals.length > 1) throw tooMany();
    return render().connections(lazyState().readState(), positionals[0] || '', !!opts.all);
  },

  interface(args) {
    const { opts, positionals } = parseOptions(args, { attrs: 'bool', all: 'bool' });
    if (positionals.length > 1) throw tooMany();
    const state = lazyState().readState();
    if (positionals[0]) return render().interfaceDetail(state, positionals[0], !!opts.attrs);
    return render().interfaceList(state, !!opts.all);
  },

  debug(args) {
    const sub = args[0];
    const rest = args.slice(1);
    if (sub === 'confinement') {
      const { positionals } = parseOptions(rest, {});
      if (positionals.length) throw tooMany();
      return render().confinement(lazyState().readState());
    }
    if (sub === 'sandbox-features') {
      const { opts, positionals } = parseOptions(rest, { required: 'list' });
      if (positionals.length) throw tooMany();
      return render().sandboxFeatures(lazyState().readState(), opts.required);
    }
    if (sub === 'api') {
      // snapd >= 2.64 (demo/lib/debug-api.js): GET only, the path and query as one argument
      const { opts, positionals } = parseOptions(rest, { fail: 'bool' });
      if (positionals.length === 0) throw usageError('the required argument `<path-and-query>` was not provided');
      if (positionals.length > 1) throw tooMany();
      const out = require('./debug-api.js').debugApi(lazyState().readState(), positionals[0]);
      if (opts.fail && !/"status-code": 200,/.test(out)) return { stdout: out, stderr: 'error: request failed\n' };
      return { stdout: out };
    }
    if (sub === undefined || sub.startsWith('-')) throw usageError('Please specify one command of: api, confinement or sandbox-features');
    throw usageError(`unknown command ${JSON.stringify(sub)}, see 'snap help debug'.`);
  },

  services(args) {
    const { positionals } = parseOptions(args, { global: 'bool', user: 'bool' });
    return render().services(lazyState().readState(), positionals);
  },

  changes(args) {
    const { opts, positionals } = parseOptions(args, { 'abs-time': 'bool' });
    if (positionals.length > 1) throw tooMany();
    return render().changes(lazyState().readState(), positionals[0] || '', !!opts['abs-time']);
  },

  tasks(args) {
    const { opts, positionals } = parseOptions(args, { 'abs-time': 'bool', last: 'string' });
    if (positionals.length > 1) throw tooMany();
    const state = lazyState().readState();
    const id = m.resolveChangeId(state, positionals[0] || '', opts.last || '');
    return render().tasks(m.getChange(state, id), !!opts['abs-time']);
  },

  watch(args) {
    const { opts, positionals } = parseOptions(args, { last: 'string' });
    if (positionals.length > 1) throw tooMany();
    const state = lazyState().readState();
    const chg = m.getChange(state, m.resolveChangeId(state, positionals[0] || '', opts.last || ''));
    // DEMO_SNAP_WATCH_MS: how long a change takes to finish on the simulated host (0 by
    // default; the e2e server sets a little, so a batch is seen while it runs).
    const ms = Number(process.env.DEMO_SNAP_WATCH_MS || 0);
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(ms, 10_000));
    if (chg.status === 'Error' && chg.err) throw new SnapError(chg.err);
    return { stdout: '' };
  },

  connect(args) {
    const { opts, positionals } = parseOptions(args, { 'no-wait': 'bool' });
    requireArg(positionals, 0, '<snap>:<plug>');
    if (positionals.length > 2) throw tooMany();
    const plug = snapAndName(positionals[0]);
    const slot = positionals[1] !== undefined ? snapAndName(positionals[1]) : { snap: '', name: '' };
    // snap connect <plug> <snap>[:<slot>]: a bare word names the plug
    if (plug.snap !== '' && plug.name === '') {
      plug.name = plug.snap;
      plug.snap = '';
    }
    denyMutations();
    slowSnapd();
    const chg = lazyState().mutate((state) => ({
      value: m.connect(state, { plugSnap: plug.snap, plugName: plug.name, slotSnap: slot.snap, slotName: slot.name }),
      write: true,
    }));
    return finishChange(chg, !!opts['no-wait']);
  },

  disconnect(args) {
    const { opts, positionals } = parseOptions(args, { 'no-wait': 'bool', forget: 'bool' });
    requireArg(positionals, 0, '<snap>:<plug>');
    if (positionals.length > 2) throw tooMany();
    // cmd_disconnect.go: both positionals are SnapAndNameStrict, so a bare snap name
    // is refused in either place (`snap disconnect a:p b` → invalid value: "b").
    let offer = snapAndNameStrict(positionals[0]);
    let use = positionals[1] !== undefined ? snapAndNameStrict(positionals[1]) : { snap: '', name: '' };
    // snap disconnect <snap>:<plug or slot>
    if (use.snap === '' && use.name === '') [offer, use] = [use, offer];
    denyMutations();
    slowSnapd();
    const chg = lazyState().mutate((state) => {
      const c = m.disconnect(state, { plugSnap: offer.snap, plugName: offer.name, slotSnap: use.snap, slotName: use.name, forget: !!opts.forget });
      return { value: c, write: c !== null };
    });
    if (chg === null) return { stdout: 'No connections to disconnect\n' };
    return finishChange(chg, !!opts['no-wait']);
  },

  // cmd_snap_op.go cmdEnable/cmdDisable: "NAME enabled" / "NAME disabled" once the change is done
  enable(args) {
    return setEnabled(args, true);
  },

  disable(args) {
    return setEnabled(args, false);
  },
};
commands.change = commands.tasks;

function setEnabled(args, enable) {
  const { opts, positionals } = parseOptions(args, { 'no-wait': 'bool' });
  requireArg(positionals, 0, '<snap>');
  if (positionals.length > 1) throw tooMany();
  const name = positionals[0];
  denyMutations();
  slowSnapd();
  const chg = lazyState().mutate((state) => ({ value: m.setEnabled(state, name, enable), write: true }));
  if (opts['no-wait']) return { stdout: chg.id + '\n' };
  return { stdout: `${name} ${enable ? 'enabled' : 'disabled'}\n` };
}

function finishChange(chg, noWait) {
  if (noWait) return { stdout: chg.id + '\n' };
  if (chg.status === 'Error' && chg.err) throw new SnapError(chg.err);
  return { stdout: '' };
}

const HELP = `Usage:
  snap <command> [<options>...]

The demo host's snap supports: version, list, connections, interface,
debug api (GET /v2/connections), debug confinement, debug sandbox-features, services, changes, tasks (change), watch,
connect, disconnect, enable, disable.
`;

/** Runs one invocation; returns { stdout, stderr, code } without printing. */
function run(argv) {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') return { stdout: HELP, stderr: '', code: 0 };
    if (cmd.startsWith('-')) throw usageError(`unknown flag \`${cmd.replace(/^-+/, '').split('=')[0]}'`);
    const fn = Object.prototype.hasOwnProperty.call(commands, cmd) ? commands[cmd] : null;
    if (!fn) throw usageError(`unknown command ${JSON.stringify(cmd)}, see 'snap help'.`);
    const out = fn(rest);
    return { stdout: out.stdout || '', stderr: out.stderr || '', code: 0 };
  } catch (e) {
    if (e instanceof SnapError) {
      if (e.help) return { stdout: HELP, stderr: '', code: 0 };
      const msg = e.client ? require('./fill.js').fill(e.message) : e.message;
      return { stdout: '', stderr: `error: ${msg}\n`, code: e.exit };
    }
    return { stdout: '', stderr: `error: ${e && e.message ? e.message : String(e)}\n`, code: 1 };
  }
}

function main(argv) {
  const r = run(argv);
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  process.exitCode = r.code;
}

module.exports = { main, run, parseOptions, snapAndName, snapAndNameStrict };
