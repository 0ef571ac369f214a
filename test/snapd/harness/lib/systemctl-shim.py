#!/usr/bin/python3 -S
"""`systemctl` stand-in for running snapd on a host whose PID 1 is not systemd.

snapd runs `systemctl` through $PATH (exec.Command("systemctl", ...) in
systemd/systemd.go), so the supervisor puts the directory holding this file
(named `systemctl`) first in snapd's PATH.  Nothing else on the host sees it.

What it does:
  --version, enable, disable, is-enabled, mask, unmask, list-unit-files,
  reenable, preset
      -> the real /usr/bin/systemctl, which edits unit symlinks offline
         (it does not need a running systemd for these)
  daemon-reload, daemon-reexec, reset-failed  -> no-op, exit 0
  start / stop / restart / try-restart / reload-or-restart / kill
      .mount units   -> really mount / unmount what the unit file describes
                        (What=, Where=, Type=, Options=)
      .service units -> run ExecStart= detached (best effort), stop = signal
      other units    -> no-op
  is-active, show  -> answered from the unit files and the live mount table /
                      tracked service pids, in the exact "Key=value" format
                      snapd parses.
Every call is appended to $SNAPD_LAB_SHIM_LOG (default /tmp/snapd-lab/log/systemctl.log).
"""
# Only cheap imports at the top: snapd calls `systemctl show` once per service
# unit for every /v2/snaps request, so start-up time matters.  subprocess,
# signal and fnmatch are imported where they are needed.
import os
import sys
import time

REAL = "/usr/bin/systemctl"
LAB = os.environ.get("SNAPD_LAB_DIR", "/tmp/snapd-lab")
LOG = os.environ.get("SNAPD_LAB_SHIM_LOG", os.path.join(LAB, "log", "systemctl.log"))
STATE = os.path.join(LAB, "shim-state")
UNIT_DIRS = ["/etc/systemd/system", "/run/systemd/system", "/usr/local/lib/systemd/system",
             "/lib/systemd/system", "/usr/lib/systemd/system"]

out_chunks = []


def emit(s=""):
    out_chunks.append(s)


def log(argv, rc, output):
    try:
        os.makedirs(os.path.dirname(LOG), exist_ok=True)
        with open(LOG, "a") as f:
            f.write("%s systemctl %s -> rc=%d%s\n" % (
                time.strftime("%H:%M:%S"), " ".join(argv), rc,
                ("\n    " + output.strip().replace("\n", "\n    ")) if output.strip() else ""))
    except OSError:
        pass


def finish(argv, rc):
    output = "".join(out_chunks)
    sys.stdout.write(output)
    sys.stdout.flush()
    log(argv, rc, output)
    sys.exit(rc)


def delegate(argv, args):
    """Run the real systemctl (offline mode works for unit-file operations)."""
    import subprocess
    p = subprocess.run([REAL] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    emit(p.stdout)
    return p.returncode


# -- unit files ---------------------------------------------------------------
def find_unit(name):
    for d in UNIT_DIRS:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return p
    return ""


def parse_unit(path):
    sections = {}
    cur = None
    if not path:
        return sections
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("[") and line.endswith("]"):
                cur = sections.setdefault(line[1:-1], {})
                continue
            if cur is None or "=" not in line:
                continue
            k, _, v = line.partition("=")
            cur.setdefault(k.strip(), []).append(v.strip())
    return sections


def uget(sections, sect, key, default=""):
    vals = sections.get(sect, {}).get(key)
    return vals[-1] if vals else default


def unit_file_state(name, path, sections):
    if not path:
        return ""
    if os.path.islink(path) and os.path.realpath(path) == "/dev/null":
        return "masked"
    for d in ("/etc/systemd/system", "/run/systemd/system"):
        try:
            entries = os.listdir(d)
        except OSError:
            continue
        for e in entries:
            if (e.endswith(".wants") or e.endswith(".requires")) and os.path.lexists(os.path.join(d, e, name)):
                return "enabled"
    if "Install" not in sections:
        return "static"
    return "disabled"


def unescape_mount(s):
    # /proc/self/mountinfo escapes space, tab, newline and backslash as \ooo
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 4 <= len(s) and s[i + 1:i + 4].isdigit():
            out.append(chr(int(s[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def is_mounted(where):
    where = os.path.normpath(where)
    with open("/proc/self/mountinfo") as f:
        for line in f:
            parts = line.split()
            if len(parts) > 4 and unescape_mount(parts[4]) == where:
                return True
    return False


def svc_pidfile(name):
    return os.path.join(STATE, "services", name + ".pid")


def svc_pid(name):
    try:
        with open(svc_pidfile(name)) as f:
            pid = int(f.read().strip())
    except (OSError, ValueError):
        return 0
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return 0
    except PermissionError:
        pass
    # reap zombies of our own? they are not our children; check /proc state
    try:
        with open("/proc/%d/stat" % pid) as f:
            if f.read().split(")")[-1].split()[0] == "Z":
                return 0
    except OSError:
        return 0
    return pid


def active_state(name, path, sections):
    if name.endswith(".mount"):
        where = uget(sections, "Mount", "Where")
        return "active" if where and is_mounted(where) else "inactive"
    if name.endswith(".service"):
        if svc_pid(name):
            return "active"
        if os.path.exists(os.path.join(STATE, "services", name + ".oneshot-active")):
            return "active"
        if os.path.exists(os.path.join(STATE, "services", name + ".failed")):
            return "failed"
        return "inactive"
    # targets, sockets, timers, slices: pretend active when enabled
    return "inactive"


def props_for(name, wanted):
    path = find_unit(name)
    sections = parse_unit(path)
    act = active_state(name, path, sections)
    ext = os.path.splitext(name)[1]
    typ = ""
    if ext == ".mount":
        typ = uget(sections, "Mount", "Type")
    elif ext == ".service":
        typ = uget(sections, "Service", "Type", "simple") if path else "simple"
    pid = svc_pid(name) if ext == ".service" else 0
    values = {
        "Id": name,
        "Names": name,
        "Description": uget(sections, "Unit", "Description", name),
        "LoadState": "loaded" if path else "not-found",
        "ActiveState": act,
        "SubState": {"active": "running" if ext == ".service" else "mounted" if ext == ".mount" else "active",
                     "inactive": "dead", "failed": "failed"}.get(act, "dead"),
        "UnitFileState": unit_file_state(name, path, sections),
        "Type": typ,
        "NeedDaemonReload": "no",
        "FragmentPath": path,
        "Where": uget(sections, "Mount", "Where"),
        "What": uget(sections, "Mount", "What"),
        "MainPID": str(pid),
        "ExecMainPID": str(pid),
        "MemoryCurrent": "[not set]",
        "TasksCurrent": "[not set]",
        "CPUUsageNSec": "[not set]",
        "InactiveEnterTimestamp": "",
        "ActiveEnterTimestamp": "",
        "Result": "success",
    }
    if pid:
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        values["MemoryCurrent"] = str(int(line.split()[1]) * 1024)
            values["TasksCurrent"] = str(len(os.listdir("/proc/%d/task" % pid)))
        except OSError:
            pass
    if not wanted:
        wanted = ["Id", "Names", "Description", "LoadState", "ActiveState", "SubState",
                  "UnitFileState", "Type", "FragmentPath", "MainPID"]
    return ["%s=%s" % (k, values.get(k, "")) for k in wanted]


def list_units(pattern):
    import fnmatch
    names = set()
    for d in ("/etc/systemd/system", "/run/systemd/system"):
        try:
            entries = os.listdir(d)
        except OSError:
            continue
        for b in entries:
            if os.path.isfile(os.path.join(d, b)) and fnmatch.fnmatch(b, pattern):
                names.add(b)
    return sorted(names)


# -- actions ------------------------------------------------------------------
def run(cmd):
    import subprocess
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def start_unit(name):
    path = find_unit(name)
    if not path:
        emit("Failed to start %s: Unit %s not found.\n" % (name, name))
        return 5
    sections = parse_unit(path)
    if name.endswith(".mount"):
        what = uget(sections, "Mount", "What")
        where = uget(sections, "Mount", "Where")
        typ = uget(sections, "Mount", "Type") or "auto"
        opts = uget(sections, "Mount", "Options")
        if is_mounted(where):
            return 0
        os.makedirs(where, exist_ok=True)
        cmd = ["mount", "-t", typ]
        if opts:
            cmd += ["-o", opts]
        cmd += [what, where]
        rc, out = run(cmd)
        if rc != 0:
            emit("Job for %s failed.\n%s" % (name, out))
            return 1
        return 0
    if name.endswith(".service"):
        if svc_pid(name):
            return 0
        execs = sections.get("Service", {}).get("ExecStart", [])
        if not execs:
            return 0
        os.makedirs(os.path.join(STATE, "services"), exist_ok=True)
        env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}
        for e in sections["Service"].get("Environment", []):
            for kv in e.split():
                k, _, v = kv.strip('"').partition("=")
                env[k] = v
        cmdline = execs[-1].lstrip("-@+!")
        if cmdline.startswith("/usr/bin/snap run "):
            # snap-confine cannot read /proc/1/ns/mnt on this kind of VM; give the
            # service its own PID namespace (see lab-run.sh for the why)
            cmdline = "taskset -c 0 unshare --pid --fork --kill-child --mount-proc -- " + cmdline
        wd = uget(sections, "Service", "WorkingDirectory") or "/"
        import subprocess
        logf = open(os.path.join(LAB, "log", "service-%s.log" % name), "a")
        p = subprocess.Popen(["/bin/sh", "-c", "exec " + cmdline], cwd=wd if os.path.isdir(wd) else "/",
                             env=env, stdin=subprocess.DEVNULL, stdout=logf, stderr=logf,
                             start_new_session=True)
        if uget(sections, "Service", "Type") == "oneshot":
            rc = p.wait()
            if rc == 0 and uget(sections, "Service", "RemainAfterExit") in ("yes", "true", "1"):
                open(os.path.join(STATE, "services", name + ".oneshot-active"), "w").close()
            return 0 if rc == 0 else 1
        with open(svc_pidfile(name), "w") as f:
            f.write("%d\n" % p.pid)
        return 0
    return 0


def stop_unit(name, sig=None):
    import signal
    if sig is None:
        sig = signal.SIGTERM
    path = find_unit(name)
    sections = parse_unit(path)
    if name.endswith(".mount"):
        where = uget(sections, "Mount", "Where")
        if where and is_mounted(where):
            rc, out = run(["umount", "-d", "-l", where])
            if rc != 0:
                emit(out)
                return 1
        return 0
    if name.endswith(".service"):
        for suffix in (".oneshot-active", ".failed"):
            try:
                os.unlink(os.path.join(STATE, "services", name + suffix))
            except FileNotFoundError:
                pass
        pid = svc_pid(name)
        if pid:
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                pass
            # systemd would wait TimeoutStopSec; 3 s is plenty for fixtures.
            # (A service wrapped in `unshare --pid` has a PID-namespace init that
            # ignores SIGTERM; SIGKILL on the group then ends the namespace.)
            for _ in range(30):
                if not svc_pid(name):
                    break
                time.sleep(0.1)
            else:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        try:
            os.unlink(svc_pidfile(name))
        except FileNotFoundError:
            pass
    return 0


def main():
    argv = sys.argv[1:]
    opts = {"properties": [], "root": None, "user": False, "global": False, "value": False,
            "signal": "SIGTERM", "quiet": False}
    rest = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--root", "-p", "--property", "-s", "--signal", "--kill-who", "-t", "--type", "--state"):
            val = argv[i + 1] if i + 1 < len(argv) else ""
            if a == "--root":
                opts["root"] = val
            elif a in ("-p", "--property"):
                opts["properties"] += [x for x in val.split(",") if x]
            elif a in ("-s", "--signal"):
                opts["signal"] = val
            i += 2
            continue
        if a.startswith("--root="):
            opts["root"] = a.split("=", 1)[1]
        elif a.startswith("--property=") or a.startswith("-p") and len(a) > 2:
            val = a.split("=", 1)[1] if a.startswith("--property=") else a[2:]
            opts["properties"] += [x for x in val.split(",") if x]
        elif a.startswith("--signal=") or a.startswith("-s") and len(a) > 2 and not a.startswith("--"):
            opts["signal"] = a.split("=", 1)[1] if "=" in a else a[2:]
        elif a == "--user":
            opts["user"] = True
        elif a == "--global":
            opts["global"] = True
        elif a == "--value":
            opts["value"] = True
        elif a in ("-q", "--quiet"):
            opts["quiet"] = True
        elif a.startswith("-"):
            pass  # --no-reload, --no-block, --no-legend, --full, --no-pager, --all, --now, ...
        else:
            rest.append(a)
        i += 1

    if "--version" in argv:
        finish(argv, delegate(argv, ["--version"]))
    if not rest:
        finish(argv, 0)
    verb, units = rest[0], rest[1:]

    if opts["user"]:
        # per-user systemd instances do not exist here; unit-file edits for the
        # global user instance are done offline by the real systemctl.
        if opts["global"] and verb in ("enable", "disable", "is-enabled", "mask", "unmask"):
            finish(argv, delegate(argv, ["--global", "--root=/", verb] + units))
        finish(argv, 0)

    if verb in ("enable", "disable", "reenable", "preset", "mask", "unmask", "is-enabled", "list-unit-files"):
        finish(argv, delegate(argv, ["--root=" + (opts["root"] or "/"), verb] + units))

    if verb in ("daemon-reload", "daemon-reexec", "reset-failed"):
        finish(argv, 0)

    if verb == "start":
        rc = 0
        for u in units:
            rc = start_unit(u) or rc
        finish(argv, rc)

    if verb == "stop":
        rc = 0
        for u in units:
            rc = stop_unit(u) or rc
        finish(argv, rc)

    if verb in ("restart", "try-restart", "reload-or-restart", "try-reload-or-restart", "reload"):
        rc = 0
        for u in units:
            if verb.startswith("try") and active_state(u, find_unit(u), parse_unit(find_unit(u))) != "active":
                continue
            stop_unit(u)
            rc = start_unit(u) or rc
        finish(argv, rc)

    if verb == "kill":
        import signal
        sig = opts["signal"].upper()
        if not sig.startswith("SIG") and not sig.isdigit():
            sig = "SIG" + sig
        signum = int(sig) if sig.isdigit() else getattr(signal, sig, signal.SIGTERM)
        for u in units:
            pid = svc_pid(u)
            if pid:
                try:
                    os.killpg(pid, signum)
                except ProcessLookupError:
                    pass
        finish(argv, 0)

    if verb == "is-active":
        rc = 0
        for u in units:
            st = active_state(u, find_unit(u), parse_unit(find_unit(u)))
            if not find_unit(u) and st == "inactive":
                st = "inactive"
            if not opts["quiet"]:
                emit(st + "\n")
            if st != "active":
                rc = 3
        finish(argv, rc)

    if verb == "is-failed":
        finish(argv, 1)

    if verb == "show":
        expanded = []
        for u in units:
            if any(c in u for c in "*?["):
                expanded += list_units(u)
            else:
                expanded.append(u)
        blocks = []
        for u in expanded:
            lines = props_for(u, opts["properties"])
            if opts["value"]:
                lines = [l.split("=", 1)[1] for l in lines]
            blocks.append("\n".join(lines) + "\n")
        emit("\n".join(blocks))
        finish(argv, 0)

    if verb in ("status",):
        rc = 0
        for u in units:
            st = active_state(u, find_unit(u), parse_unit(find_unit(u)))
            emit("%s - %s\n   Active: %s\n" % (u, u, st))
            if st != "active":
                rc = 3
        finish(argv, rc)

    emit("systemctl shim: unsupported verb %r\n" % verb)
    finish(argv, 1)


if __name__ == "__main__":
    main()
