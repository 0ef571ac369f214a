/**
 * Text for a terminal: every control character shown, never obeyed.
 *
 * Kernel-log strings are the confined snap's own words — the kernel hex-encodes
 * a name with control bytes, and the parser decodes it back — so a snap only has
 * to touch a path named `ESC[2J…` or `ESC]52;c;…BEL` to clear the admin's
 * screen, retitle it or write the clipboard through `denials` (review F2).
 * C0 controls (newline and tab included: one record stays one line), DEL, C1
 * controls and the bidirectional overrides/isolates (which can make a line read
 * backwards) become `\xNN` / `\u{NNNN}` escapes.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

// JSON.stringify escapes C0 controls but leaves DEL, C1 and the bidi controls as they are
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for a terminal: the same characters as `\uNNNN` escapes, so the JSON means exactly the same to a parser
 * and a terminal shows it without obeying any of it (`denials --json` piped nowhere).
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
