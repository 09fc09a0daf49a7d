// Plain-text tables for the terminal, aligned by display width (a Chinese character takes two
// columns in a terminal, a Latin letter one).

const WIDE = /[\p{Script=Han}\u2e80-\u2fdf\u3000-\u303f\uff00-\uff60\uffe0-\uffe6]/u;

/** Display width of a string in a monospace terminal: wide (CJK, full-width) characters count 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Formats rows as aligned columns separated by two spaces, indented by two. */
export function formatTable(rows: ReadonlyArray<readonly string[]>): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  return rows
    .map(
      (row) =>
        `  ${row
          .map((cell, i) =>
            i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)),
          )
          .join('  ')}`,
    )
    .join('\n');
}
