'use strict';
/**
 * A port of Go's text/tabwriter (flags 0, pad character ' '), which is what
 * the snap CLI uses for every table:
 *   tabwriter.NewWriter(Stdout, 5, 3, 2, ' ', 0)   // snap list, connections, changes, ...
 *   tabwriter.NewWriter(Stdout, 2, 2, 1, ' ', 0)   // snap interface NAME
 *
 * Semantics reproduced:
 * - a cell is tab-terminated; the text after the last tab of a line is not
 *   part of any column and is never padded (so tables have no trailing blanks);
 * - a column block is a run of consecutive lines that all have a cell in that
 *   column; its width is max(minwidth, widest cell + padding), computed
 *   recursively per block exactly like (*Writer).format;
 * - widths count runes (Unicode code points), not bytes.
 */

function runeLen(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // a surrogate pair is one rune
    if (c < 0xd800 || c > 0xdbff || i + 1 === s.length) n++;
  }
  return n;
}

function format(text, opts) {
  const minwidth = opts && opts.minwidth !== undefined ? opts.minwidth : 5;
  const padding = opts && opts.padding !== undefined ? opts.padding : 2;
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths = [];
  let out = '';

  function writeLines(line0, line1) {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        out += c;
        if (j < widths.length) {
          const pad = widths[j] - runeLen(c);
          if (pad > 0) out += ' '.repeat(pad);
        }
      }
      // The last "line" is the text after the final newline: not terminated.
      if (i + 1 !== lines.length) out += '\n';
    }
  }

  function fmt(line0, line1) {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      // cell exists in this column: print the lines before the block
      writeLines(line0, t);
      line0 = t;
      let width = minwidth;
      for (; t < line1; t++) {
        const line = lines[t];
        if (column >= line.length - 1) break;
        const w = runeLen(line[column]) + padding;
        if (w > width) width = w;
      }
      widths.push(width);
      fmt(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  }

  fmt(0, lines.length);
  return out;
}

/** Rows of cells -> text, as `fmt.Fprintf(w, "%s\t%s\n", ...)` + Flush would print. */
function table(rows, opts) {
  return format(rows.map((r) => r.join('\t') + '\n').join(''), opts);
}

module.exports = { format, table, runeLen };
