'use strict';
/**
 * Deterministic numbers for the simulated host: everything the demo invents
 * (kernel log, extra snaps) is a pure function of a seed, so the same seed
 * always gives the same host, byte for byte, and a log line never changes once
 * it has been printed.
 */

/** murmur3's 32-bit finaliser over any number of integers: a stable hash, >= 0. */
function mix(...xs) {
  let h = 0x9e3779b9;
  for (let i = 0; i < xs.length; i++) {
    let k = xs[i] | 0;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
    // numbers above 2^32 (times in ms) contribute their high part too
    const hi = Math.floor(xs[i] / 4294967296) | 0;
    if (hi) h ^= Math.imul(hi, 0x85ebca6b);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a string, for names. */
function strHash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast sequence generator. next() → [0, 1). */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** 32 lowercase hex digits (an sd_id128 as journalctl prints it), from a seed and a label. */
function id128(seed, label) {
  const base = strHash(label);
  let out = '';
  for (let i = 0; i < 4; i++) out += mix(seed, base, i).toString(16).padStart(8, '0');
  return out;
}

module.exports = { mix, strHash, rng, id128 };
