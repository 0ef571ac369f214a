#!/usr/bin/env python3
"""Give Debian 12's snap-confine (2.57) the seccomp filters a newer snapd compiled.

Why: a lab running Debian 13's snapd 2.68 keeps Debian 12's snap-confine (trixie's needs
glibc 2.38). Since snapd 2.62, snap-seccomp writes `snap.TAG.bin2`: a 128-byte header
("SC", version 1, an `unrestricted` byte, then the byte lengths of an allow filter and of a
deny filter as little-endian u32 at offsets 8 and 12), followed by the two BPF programs.
snap-confine 2.57 loads `snap.TAG.bin`: the raw allow program, or the text "@unrestricted\\n"
for classic snaps; without it, it waits for the file and then fails ("cannot stat
.../snap.TAG.bin"). This writes each `.bin` from its `.bin2` (when missing or older).

What is lost: the deny program (snapd's explicit `~syscall` denials such as ioctl TIOCSTI).
Syscalls outside the allow list (unshare, mount: what lab-denials calls) are refused by the
allow program's default action exactly as on a real 2.68 host, so the kernel's audit lines
are the same. Only ever run by lab-run.sh, as root, on the lab.
"""
import os
import struct
import sys

BPF = sys.argv[1] if len(sys.argv) > 1 else "/var/lib/snapd/seccomp/bpf"
HEADER = 128

def main() -> int:
    if not os.path.isdir(BPF):
        return 0
    for name in sorted(os.listdir(BPF)):
        if not name.endswith(".bin2"):
            continue
        src = os.path.join(BPF, name)
        dst = src[:-1]  # .bin2 -> .bin
        if os.path.exists(dst) and os.stat(dst).st_mtime >= os.stat(src).st_mtime:
            continue
        with open(src, "rb") as f:
            data = f.read()
        if len(data) < HEADER or data[:3] != b"SC\x01":
            print(f"seccomp-compat: {src}: not a version-1 .bin2 file", file=sys.stderr)
            return 1
        unrestricted = data[3] == 1
        allow_len, deny_len = struct.unpack_from("<II", data, 8)
        if HEADER + allow_len + deny_len != len(data):
            print(f"seccomp-compat: {src}: lengths {allow_len}+{deny_len} do not match its size", file=sys.stderr)
            return 1
        out = b"@unrestricted\n" if unrestricted else data[HEADER:HEADER + allow_len]
        tmp = dst + ".tmp"
        with open(tmp, "wb") as f:
            f.write(out)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dst)
    return 0

if __name__ == "__main__":
    sys.exit(main())
