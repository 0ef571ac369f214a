'use strict';
/**
 * The bodies of the kernel's audit records that demo/lib/kernel.js prints: AppArmor (type=1400) and seccomp
 * (type=1326) records as the kernel writes them after `audit: type=N audit(T:SERIAL): `, modelled on real lines
 * (test/fixtures/denials/, snapd-lab transcript 78, shared reference §4.2; each function names its own).
 */

/** audit_log_untrustedstring: quoted, or hex when the value has a space, a quote or a control/non-ASCII byte. */
function untrusted(key, value) {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x20 || c === 0x22 || c >= 0x7f) {
      return key + '=' + Buffer.from(value, 'utf8').toString('hex').toUpperCase();
    }
  }
  return `${key}="${value}"`;
}

function fileBody(mode, profile, name, pid, comm, mask, fsuid, ouid) {
  return `apparmor="${mode}" operation="open" class="file" profile="${profile}" ${untrusted('name', name)} pid=${pid} ${untrusted('comm', comm)} requested_mask="${mask}" denied_mask="${mask}" fsuid=${fsuid} ouid=${ouid}`;
}
function capBody(mode, profile, pid, comm, cap, capname) {
  // two spaces before capname, as the kernel prints it
  return `apparmor="${mode}" operation="capable" class="cap" profile="${profile}" pid=${pid} ${untrusted('comm', comm)} capability=${cap}  capname="${capname}"`;
}
function netBody(mode, profile, pid, comm, family, sockType, protocol) {
  return `apparmor="${mode}" operation="create" class="net" profile="${profile}" pid=${pid} ${untrusted('comm', comm)} family="${family}" sock_type="${sockType}" protocol=${protocol} requested_mask="create" denied_mask="create"`;
}
function ptraceBody(mode, profile, pid, comm, peer) {
  return `apparmor="${mode}" operation="ptrace" class="ptrace" profile="${profile}" pid=${pid} ${untrusted('comm', comm)} requested_mask="read" denied_mask="read" peer="${peer}"`;
}
function seccompBody(user, subj, pid, comm, exe, syscall, ip) {
  return `auid=${user.auid} uid=${user.uid} gid=${user.gid} ses=${user.ses} subj=${subj} pid=${pid} ${untrusted('comm', comm)} ${untrusted('exe', exe)} sig=0 arch=c000003e syscall=${syscall} compat=0 ip=0x${ip} code=0x50000`;
}
// A unix socket record as AppArmor 4 kernels print it: `class="net"` and `requested=`/`denied=` (not *_mask) —
// so do AppArmor's own test lines of 2024 (apparmor/apparmor utils/test/test-logparser.py, commit 74d40ce:
// `operation="connect" class="net" … family="unix" sock_type="stream" protocol=0 requested="send receive connect"
// denied="send receive connect" addr=none peer_addr="@test_abstract_socket" peer=…`) and an Ubuntu 24.10 snap's
// denial (test/fixtures/denials/unix-mount.log line 1); `addr=none` is the unnamed client end. The X server's
// abstract address and unconfined label as in a real snap's X11 denial (snap.vlc.vlc, `… addr=none
// peer_addr="@/tmp/.X11-unix/X0" peer="unconfined"`, Ubuntu Forums thread "snap apps not working, permission
// denied", 2021-06, as stored in the public code index).
function unixConnectBody(mode, profile, pid, comm, peerAddr, peer) {
  return `apparmor="${mode}" operation="connect" class="net" profile="${profile}" pid=${pid} ${untrusted('comm', comm)} family="unix" sock_type="stream" protocol=0 requested="send receive connect" denied="send receive connect" addr=none ${untrusted('peer_addr', peerAddr)} peer="${peer}"`;
}
// umount: the mount point and nothing else (test/fixtures/denials/unix-mount.log line 2, snapd PR 15171;
// AppArmor's test-logparser.py `operation="umount" class="mount" … name="/mnt/a/" pid=… comm=…`)
function umountBody(mode, profile, name, pid, comm) {
  return `apparmor="${mode}" operation="umount" class="mount" profile="${profile}" ${untrusted('name', name)} pid=${pid} ${untrusted('comm', comm)}`;
}
function statusBody(operation, name, pid) {
  return `apparmor="STATUS" operation="${operation}" profile="unconfined" name="${name}" pid=${pid} comm="apparmor_parser"`;
}

const ROOT = { auid: 4294967295, uid: 0, gid: 0, ses: 4294967295 };
const USER = { auid: 1000, uid: 1000, gid: 1000, ses: 3 };

module.exports = { untrusted, fileBody, capBody, netBody, ptraceBody, seccompBody, unixConnectBody, umountBody, statusBody, ROOT, USER };
