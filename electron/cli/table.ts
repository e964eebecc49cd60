// Plain-text output for a terminal: aligned columns, and no control characters.
// Device names and e-mails come from phones and servers we do not control; an
// escape sequence in one must not be able to rewrite the admin's terminal.

/** Replaces control characters (C0, DEL, C1, line/paragraph separators) with a visible "?". */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|\u200d|\ufe0f)$/u;

/** Terminal columns a string takes: wide (CJK, emoji) characters count two, combining marks none. */
export function displayWidth(text: string): number {
  // Fast path: printable ASCII (ids, IPs, most e-mails) is one column per character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ZERO_WIDTH.test(ch)) continue;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

export interface Column {
  header: string;
  /** Longest a cell may be before it is cut with "…" (ids are never cut). */
  max?: number;
  align?: 'left' | 'right';
}

/** Aligned table, two spaces between columns, no trailing spaces. */
export function formatTable(columns: readonly Column[], rows: readonly string[][]): string {
  const cells = rows.map((row) =>
    columns.map((c, i) => {
      const text = printable(row[i] ?? '');
      return c.max !== undefined ? truncate(text, c.max) : text;
    }),
  );
  const widths = columns.map((c) => displayWidth(c.header));
  for (const r of cells) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell)));
        return columns[i]?.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

/** "3 min", "5 h", "12 d": how long ago a file changed. */
export function formatAge(mtimeMs: number, now: number): string {
  const s = Math.max(0, Math.round((now - mtimeMs) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}
