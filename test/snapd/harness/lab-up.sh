#!/bin/bash
# Bring up a REAL snapd (Debian's /usr/lib/snapd/snapd) on a host whose PID 1 is
# not systemd, and install locally built fixture snaps into it.
# (Derived from shared/snapd-lab/snapd-lab-up.sh; see test/snapd/PROVENANCE.md.)
#
#   sudo test/snapd/harness/lab-up.sh   # idempotent; prints a summary at the end
#
# Refuses to run (guard.sh) unless root on a machine whose snapd is not managed
# by systemd. Recovers from a previous session whose processes were killed but
# whose pid files, sockets and mounts stayed behind.
#
# How it works (details in README.md):
#   1. apt-get install snapd squashfs-tools python3 busybox-static sudo (only if
#      missing; busybox-static gives the fixture bases a /bin/sh; sudo is for
#      the suite's sudo-mode test)
#   2. lib/snapd-supervisor.py plays systemd's snapd.socket + snapd.service:
#      it holds /run/snapd.socket and /run/snapd-snap.socket and starts snapd
#      with LISTEN_FDS/LISTEN_PID (socket activation) + NOTIFY_SOCKET; it
#      restarts snapd when snapd restarts itself and re-activates it on the next
#      client connection after snapd's idle stand-by (exit code 42).
#   3. snapd finds `systemctl` and `udevadm` through $PATH; the supervisor puts
#      $LAB/bin first in snapd's PATH only, where lib/systemctl-shim.py really
#      mounts the squashfs described by the .mount units snapd writes, and
#      lib/udevadm-shim.sh turns udev reloads into no-ops.
#   4. lib/build-fixtures.sh packs the fixture snaps; they are installed with
#      `snap install --dangerous` (+ --classic / --devmode).
#
# Environment knobs:
#   SNAPD_LAB_DIR=/tmp/snapd-lab   runtime dir (logs, shims, fixtures, pid files)
#   SNAPD_LAB_FIXTURES=1           0: only bring the daemon up, install no snaps
#   SNAPD_LAB_SYSTEM_SNAP=snapd    or `core`: which system snap carries the
#                                  implicit slots (API/`snap changes` then name
#                                  it "snapd" resp. "core")
#   SNAPD_LAB_DEBUG=1              0: run snapd without SNAPD_DEBUG=1
#   SNAPD_LAB_REGISTER=0           1: let snapd try device registration (it fails
#                                  offline and leaves "Initialize device" changes in Error)
#   SNAPD_LAB_SUITE=<own suite>    the Debian release whose snapd daemon and CLI run:
#                                  bookworm (2.57, the installed package) or trixie
#                                  (2.68), fetched and cached by lib/snapd-release.sh;
#                                  unset: the release the lab already runs, if any
#   SNAPD_LAB_CACHE=/var/cache/confinement-dashboard-snapd-lab   where the .debs are kept
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
LAB="${SNAPD_LAB_DIR:-/tmp/snapd-lab}"
WANT_FIXTURES="${SNAPD_LAB_FIXTURES:-1}"
DEBUG="${SNAPD_LAB_DEBUG:-1}"
REGISTER="${SNAPD_LAB_REGISTER:-0}"
SYSTEM_SNAP="${SNAPD_LAB_SYSTEM_SNAP:-snapd}"
case "$SYSTEM_SNAP" in snapd|core) ;; *) echo "SNAPD_LAB_SYSTEM_SNAP must be snapd or core" >&2; exit 1 ;; esac
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"
export SNAP_REEXEC=0

t0=$(date +%s.%N)
elapsed() { python3 -c "import sys,time; print('%.2f' % (time.time() - float(sys.argv[1])))" "$1"; }
say_t() { printf '[snapd-lab-up %6ss] %s\n' "$(elapsed "$t0")" "$*"; }

# shellcheck source=guard.sh
. "$HERE/guard.sh"
lab_guard "$LAB" || exit 3

# ------------------------------------------------------------------ 1. packages
need=()
for p in snapd squashfs-tools python3 busybox-static sudo; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
    echo "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y "${need[@]}" || { apt-get update && apt-get install -y "${need[@]}"; }
fi
say_t "packages present (snapd $(dpkg-query -W -f='${Version}' snapd))"

# ------------------------------------------------------------------ 2. runtime dir + shims
mkdir -p "$LAB/bin" "$LAB/log" "$LAB/shim-state"
install -m 0755 "$HERE/lib/systemctl-shim.py" "$LAB/bin/systemctl"
install -m 0755 "$HERE/lib/udevadm-shim.sh" "$LAB/bin/udevadm"
install -m 0755 "$HERE/lib/snapd-supervisor.py" "$LAB/snapd-supervisor.py"
export SNAPD_LAB_DIR="$LAB"

sock_alive() { python3 - "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
try:
    s.connect(sys.argv[1]); sys.exit(0)
except OSError:
    sys.exit(1)
EOF
}

supervisor_alive() {
    # The recorded pid must still be our supervisor, not a zombie or a reused pid: a session that
    # ended kills the processes but leaves the pid file, the sockets and the mounts behind.
    local pid
    pid=$(cat "$LAB/supervisor.pid" 2>/dev/null) || return 1
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
    tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'snapd-supervisor' || return 1
    ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null
}

# ------------------------------------------------------------------ 1b. which snapd release
# shellcheck source=lib/snapd-release.sh
. "$HERE/lib/snapd-release.sh"
# default: the release this lab already runs (a recovery keeps it), else the machine's own
SUITE="${SNAPD_LAB_SUITE:-$(cut -d' ' -f1 "$LAB/snapd-release" 2>/dev/null)}"
SUITE="${SUITE:-$(snapd_release_own_suite)}"
# (installed in step 3, once no snapd of an earlier session runs)
select_release() {
    local release
    release=$(snapd_release_select "$SUITE") || { echo "ERROR: cannot set up snapd from Debian '$SUITE' (see above)" >&2; exit 1; }
    echo "$SUITE $release" > "$LAB/snapd-release"
    say_t "snapd release: $SUITE ($release)"
}
if supervisor_alive; then
    # A running lab keeps its daemon: swapping binaries under it would test neither release.
    running=$(cat "$LAB/snapd-release" 2>/dev/null || echo '?')
    if [ "${running%% *}" != "$SUITE" ]; then
        echo "ERROR: the running lab runs snapd from '${running%% *}', not '$SUITE'; run lab-down.sh first" >&2
        exit 1
    fi
fi

# ------------------------------------------------------------------ 3. start the supervisor
if supervisor_alive; then
    say_t "supervisor already running (pid $(cat "$LAB/supervisor.pid"))"
else
    # A supervisor that was SIGKILLed leaves its snapd running, still holding the
    # listening sockets: stop that orphan (only the pid we recorded, and only if
    # it really is snapd) so that the check below does not mistake it for a
    # snapd somebody else started.
    orphan=$(cat "$LAB/snapd.pid" 2>/dev/null || true)
    is_snapd() { [ -n "$1" ] && [ "$(readlink "/proc/$1/exe" 2>/dev/null)" = /usr/lib/snapd/snapd ]; }
    if is_snapd "$orphan"; then
        say_t "stopping snapd pid $orphan left behind by a dead supervisor"
        kill -TERM "$orphan" 2>/dev/null || true
        for _ in $(seq 1 300); do is_snapd "$orphan" || break; sleep 0.1; done
        if is_snapd "$orphan"; then kill -KILL "$orphan" 2>/dev/null || true; sleep 0.2; fi
    fi
    rm -f "$LAB/supervisor.pid" "$LAB/snapd.pid" "$LAB/snapd.ready"
    select_release
    if [ -S /run/snapd.socket ] && sock_alive /run/snapd.socket; then
        echo "ERROR: /run/snapd.socket is served by a process this lab did not start; stop it first" >&2
        exit 1
    fi
    # snapd is started with the squashfs mounts already in place, as systemd
    # would have done at boot from the enabled snap-*.mount units (matters only
    # when state survived a reboot or a crash of the supervisor).
    for unit in /etc/systemd/system/snap-*.mount; do
        [ -e "$unit" ] || continue
        grep -q '^What=/var/lib/snapd/snaps/' "$unit" || continue
        "$LAB/bin/systemctl" start "$(basename "$unit")" || true
    done
    mkdir -p /run/snapd
    if [ "$REGISTER" = 1 ]; then rm -f /run/snapd/noregister; else touch /run/snapd/noregister; fi
    env_args=(--env SNAP_REEXEC=0 --env "SNAPD_LAB_DIR=$LAB")
    [ "$DEBUG" = 1 ] && env_args+=(--env SNAPD_DEBUG=1)
    setsid nohup /usr/bin/python3 "$LAB/snapd-supervisor.py" \
        --path "$LAB/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
        "${env_args[@]}" \
        --log "$LAB/log/snapd.log" \
        --pidfile "$LAB/supervisor.pid" \
        --child-pidfile "$LAB/snapd.pid" \
        --ready-file "$LAB/snapd.ready" \
        --notify-socket "$LAB/notify.sock" \
        >>"$LAB/log/supervisor.log" 2>&1 </dev/null &
    for _ in $(seq 1 100); do
        [ -S /run/snapd.socket ] && [ -S /run/snapd-snap.socket ] && [ -s "$LAB/supervisor.pid" ] && break
        sleep 0.05
    done
    [ -S /run/snapd.socket ] || { echo "supervisor did not create /run/snapd.socket; see $LAB/log/supervisor.log" >&2; exit 1; }
    say_t "supervisor started (pid $(cat "$LAB/supervisor.pid" 2>/dev/null || echo '?'))"
fi

# ------------------------------------------------------------------ 4. wait for snapd
if ! timeout 120 snap wait system seed.loaded; then
    echo "snapd did not become ready; tail of $LAB/log/snapd.log:" >&2
    tail -30 "$LAB/log/snapd.log" >&2
    exit 1
fi
say_t "snapd answering: $(snap version | sed -n 2p | tr -s ' ')"
# the daemon and the CLI must be the release this lab was asked for
want_release=$(cut -d' ' -f2 "$LAB/snapd-release" 2>/dev/null)
for side in snap snapd; do
    got=$(snap version | awk -v s="$side" '$1 == s { print $2 }')
    if [ -n "$want_release" ] && [ "${got%%-*}" != "$want_release" ]; then
        echo "ERROR: $side is $got, not the $want_release this lab selected" >&2
        exit 1
    fi
done

[ "$WANT_FIXTURES" = 1 ] || { say_t "done (no fixtures requested)"; exit 0; }

# ------------------------------------------------------------------ 5. fixtures
# rebuild when the builder changed or a snap is missing
stamp="$LAB/fixtures/.builder.sha256"
want_sum="$(sha256sum "$HERE/lib/build-fixtures.sh" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_sum" ] || \
   [ "$(ls "$LAB"/fixtures/*.snap 2>/dev/null | wc -l)" -lt 9 ]; then
    SNAPD_LAB_DIR="$LAB" bash "$HERE/lib/build-fixtures.sh" "$LAB/fixtures" >/dev/null
    echo "$want_sum" > "$stamp"
    say_t "fixture snaps built in $LAB/fixtures"
fi

installed() { snap list "$1" >/dev/null 2>&1; }
install_local() { # install_local NAME [flags...]
    local name="$1"; shift
    if installed "$name"; then return 0; fi
    snap install --dangerous "$@" "$LAB/fixtures/$name.snap"
}
# order matters: the system snap first (snapd restarts itself after it is
# linked), then the bases, then apps.  Without a `snapd` or `core` snap snapd
# would try to fetch `snapd` from the store as a prerequisite.
if [ "$SYSTEM_SNAP" = snapd ] && installed core && ! installed snapd; then
    echo "ERROR: this lab has the 'core' system snap; run lab-down.sh first to switch" >&2; exit 1
fi
if [ "$SYSTEM_SNAP" = core ] && installed snapd && ! installed core; then
    echo "ERROR: this lab has the 'snapd' system snap; run lab-down.sh first to switch" >&2; exit 1
fi
install_local "$SYSTEM_SNAP"
install_local core20
install_local core22
install_local microk8s
install_local lab-config-provider
install_local lab-classic --classic
install_local lab-devmode --devmode
install_local lab-denials
say_t "fixtures installed"
snap list
say_t "bring-up complete (supervisor pid $(cat "$LAB/supervisor.pid"), snapd pid $(cat "$LAB/snapd.pid" 2>/dev/null || echo '-'), logs in $LAB/log)"
