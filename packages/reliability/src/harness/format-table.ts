/** Formats rows as an aligned plain-text table (first row: header). */
export function formatTable(rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map(row => row.map(cell => String(cell)));
  const widths: number[] = [];
  for (const row of cells) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  const [header, ...body] = cells;
  if (header === undefined) return '';
  const rule = widths.map(width => '-'.repeat(width)).join('-|-');
  return [line(header), rule, ...body.map(line)].join('\n');
}
