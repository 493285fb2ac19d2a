import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODEL_CAPABILITY_TABLE } from './capability-table.js';

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** The cells of a Markdown table row, trimmed (the formatter may pad them). */
function cells(line: string): string[] {
  return line
    .split('|')
    .slice(1, -1)
    .map(cell => cell.trim());
}

describe('README capability table', () => {
  it('lists exactly the rows of MODEL_CAPABILITY_TABLE', () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const lines = readme.split('\n');
    const header = lines.findIndex(line => cells(line)[0] === 'Family');
    expect(header).toBeGreaterThan(0);
    const rows: string[][] = [];
    for (const line of lines.slice(header + 2)) {
      if (!line.startsWith('|')) break;
      rows.push(cells(line));
    }
    const expected = MODEL_CAPABILITY_TABLE.map(row => [
      row.family,
      row.patterns.map(pattern => `\`${pattern}\``).join(', '),
      yesNo(row.reasoning),
      row.contextWindow.toLocaleString('en-US'),
      row.maxOutputTokens.toLocaleString('en-US'),
      yesNo(row.vision),
      yesNo(row.tools),
      yesNo(row.supportsTemperature),
      yesNo(row.jsonMode),
      row.costTier,
    ]);
    expect(rows).toEqual(expected);
  });
});
