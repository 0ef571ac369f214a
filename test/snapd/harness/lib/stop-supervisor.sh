# shellcheck shell=bash
# stop_supervisor LAB: stop the lab's supervisor (which stops snapd and removes
# /run/snapd.socket and /run/snapd-snap.socket), and a snapd orphaned by a
# supervisor that died. Processes are ended by the pids the lab recorded, never
# by name. Mounts, units and state are left alone: this is "snapd went away",
# not a teardown. Used by lab-down.sh and lab-daemon.sh.
stop_supervisor() {
    local lab="${1:?stop_supervisor LAB_DIR}" sup child s
    _alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
    _log() { echo "[snapd-lab] $*"; }
    sup=$(cat "$lab/supervisor.pid" 2>/dev/null || true)
    child=$(cat "$lab/snapd.pid" 2>/dev/null || true)
    # a snapd left frozen (the hung-snapd tests stop it with SIGSTOP) could not stop gracefully
    if _alive "$child" && [ "$(readlink "/proc/$child/exe" 2>/dev/null)" = /usr/lib/snapd/snapd ]; then
        kill -CONT "$child" 2>/dev/null || true
    fi
    # only a pid that really is our supervisor (a pid file can outlive its process and the pid be reused)
    if _alive "$sup" && tr '\0' ' ' < "/proc/$sup/cmdline" 2>/dev/null | grep -q 'snapd-supervisor'; then
        _log "stopping supervisor pid $sup"
        kill -TERM "$sup"
        for _ in $(seq 1 800); do _alive "$sup" || break; sleep 0.05; done
        if _alive "$sup"; then _log "supervisor still alive, SIGKILL"; kill -KILL "$sup"; fi
    fi
    # a snapd orphaned by a crashed supervisor: only the pid we recorded, and only
    # if it really is snapd
    if _alive "$child" && [ "$(readlink "/proc/$child/exe" 2>/dev/null)" = /usr/lib/snapd/snapd ]; then
        _log "stopping orphaned snapd pid $child"
        kill -TERM "$child"
        for _ in $(seq 1 300); do _alive "$child" || break; sleep 0.1; done
        _alive "$child" && kill -KILL "$child"
    fi
    rm -f "$lab/supervisor.pid" "$lab/snapd.pid" "$lab/snapd.ready" "$lab/notify.sock"
    # sockets are removed by the supervisor; remove stale ones only if nobody answers
    for s in /run/snapd.socket /run/snapd-snap.socket; do
        if [ -S "$s" ] && ! python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])' "$s" 2>/dev/null; then
            rm -f "$s"
        fi
    done
    return 0
}
