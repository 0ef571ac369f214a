#!/bin/bash
# Stop or start only the lab's snapd (the supervisor that stands in for
# snapd.socket + snapd.service), leaving snaps mounted and state in place:
# what the host looks like when snapd has gone away and comes back.
#
#   sudo test/snapd/harness/lab-daemon.sh stop    # sockets disappear; `snap` says "cannot communicate with server"
#   sudo test/snapd/harness/lab-daemon.sh start   # supervisor and snapd again (lab-up.sh without fixtures)
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
LAB="${SNAPD_LAB_DIR:-/tmp/snapd-lab}"
# shellcheck source=guard.sh
. "$HERE/guard.sh"
lab_guard "$LAB" || exit 3
case "${1:-}" in
    stop)
        # shellcheck source=lib/stop-supervisor.sh
        . "$HERE/lib/stop-supervisor.sh"
        stop_supervisor "$LAB"
        ;;
    start)
        SNAPD_LAB_FIXTURES=0 exec "$HERE/lab-up.sh"
        ;;
    *)
        echo "usage: $0 stop|start" >&2
        exit 2
        ;;
esac
