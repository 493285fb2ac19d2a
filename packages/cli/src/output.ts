/** Formats rows as left-aligned columns separated by two spaces (last column not padded). */
export function formatTable(rows: readonly (readonly string[])[], indent = '  '): string {
  if (rows.length === 0) return '';
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows
    .map(row =>
      `${indent}${row
        .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
        .join('  ')}`.trimEnd(),
    )
    .join('\n')
    .concat('\n');
}

/** `1 warning` / `2 warnings`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
