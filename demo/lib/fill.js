'use strict';
/**
 * How the snap CLI re-wraps the message of an error that came from snapd
 * (a *client.Error): cmd/snap/error.go
 *
 *   msg = fill(msg, len("error: "))
 *   fill(para, indent) = strings.TrimSpace(doc.ToText(para, indentStr, indentStr, width-indent))
 *
 * width is the terminal width (or $COLUMNS when stdout is not a terminal),
 * 80 when below 40, capped at 100, minus one. doc.ToText (Go >= 1.19) wraps a
 * paragraph with go/doc/comment's minimum-raggedness algorithm, ported below
 * from src/go/doc/comment/text.go (wrap, wrapPenalty). Continuation lines are
 * indented so they line up under the text after "error: ".
 *
 * Errors produced by the CLI itself (errors.New in cmd/snap) are not filled.
 */

const { runeLen } = require('./tabwriter.js');

function termWidth() {
  let width = 0;
  if (process.stdout.isTTY && process.stdout.columns) width = process.stdout.columns;
  if (width <= 0) width = Number.parseInt(process.env.COLUMNS || '', 10) || 0;
  if (width < 40) width = 80;
  if (width > 100) width = 100;
  return width - 1;
}

function wrapPenalty(s) {
  const last = s[s.length - 1];
  return last === '.' || last === ',' || last === ':' || last === ';' ? 0 : 64;
}

/** Indexes of the first word of each line, plus words.length (as in Go). */
function wrap(words, max) {
  const n = words.length;
  const total = new Array(n + 1);
  total[0] = 0;
  for (let i = 0; i < n; i++) total[i + 1] = total[i] + runeLen(words[i]) + 1;

  const cmp = (s, t) => (s[0] < t[0] ? -1 : s[0] > t[0] ? 1 : s[1] < t[1] ? -1 : s[1] > t[1] ? 1 : 0);
  const weight = (i, j) => {
    const len = total[j] - 1 - total[i];
    if (j === n && len <= max) return [0, 0];
    const p = wrapPenalty(words[j - 1]);
    const v = (max - len) * (max - len);
    if (len > max) return [v, p];
    return [0, v + p];
  };
  const f = [[0, 0]];
  const g = (i, j) => {
    const w = weight(i, j);
    return [f[i][0] + w[0], f[i][1] + w[1]];
  };
  const bridge = (a, b, c) => {
    // k := c + sort.Search(len(words)+1-c, func(k) { return cmp(g(a, k+c), g(b, k+c)) > 0 })
    let lo = 0;
    let hi = n + 1 - c;
    while (lo < hi) {
      const h = (lo + hi) >>> 1;
      if (!(cmp(g(a, h + c), g(b, h + c)) > 0)) lo = h + 1;
      else hi = h;
    }
    const k = c + lo;
    if (k > n) return true;
    return cmp(g(c, k), g(b, k)) <= 0;
  };

  let d = [0];
  const bestleft = [-1];
  for (let m = 1; m < n; m++) {
    f.push(g(d[0], m));
    bestleft.push(d[0]);
    while (d.length > 1 && cmp(g(d[1], m + 1), g(d[0], m + 1)) <= 0) d = d.slice(1);
    while (d.length > 1 && bridge(d[d.length - 2], d[d.length - 1], m)) d.pop();
    if (cmp(g(m, n), g(d[d.length - 1], n)) < 0) {
      d.push(m);
      if (d.length === 2 && cmp(g(d[1], m + 1), g(d[0], m + 1)) <= 0) d = d.slice(1);
    }
  }
  bestleft.push(d[0]);

  const seq = [];
  for (let m = n; m > 0; m = bestleft[m]) seq.push(m);
  seq.push(0);
  return seq.reverse();
}

/** fill(msg, len("error: ")) for a one-paragraph message. */
function fill(msg, indent) {
  if (indent === undefined) indent = 'error: '.length;
  const width = termWidth() - indent;
  const words = msg.split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const seq = wrap(words, width);
  const pad = ' '.repeat(indent);
  const lines = [];
  for (let i = 0; i + 1 < seq.length; i++) lines.push(words.slice(seq[i], seq[i + 1]).join(' '));
  return lines.join('\n' + pad);
}

module.exports = { fill, wrap };
