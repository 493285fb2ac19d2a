/**
 * Re-renders results/latest.md and results/latest.svg from results/latest.json and refreshes the
 * summary in bench/README.md (after changing the report code; no new measurement).
 *   node --import tsx src/render-report.ts [json file]
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BENCH_DIR } from './cases/startup-case.js';
import { checkGoals } from './goals.js';
import { updateReadme } from './readme-summary.js';
import { reportFileHeader, resultsMarkdown } from './report-markdown.js';
import { resultsSvg } from './report-svg.js';
import type { BenchResults } from './results.js';

const dir = path.join(BENCH_DIR, 'results');
const file = process.argv[2] ?? path.join(dir, 'latest.json');
const results = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
results.goals = checkGoals(results);
const base = results.quick ? 'quick' : 'latest';
await writeFile(path.join(dir, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(path.join(dir, `${base}.md`), reportFileHeader(results, resultsMarkdown(results)));
await writeFile(path.join(dir, `${base}.svg`), resultsSvg(results));
if (!results.quick) await updateReadme(path.join(BENCH_DIR, 'README.md'), results);
process.stdout.write(
  `re-rendered results/${base}.md and ${base}.svg${results.quick ? '' : ', README summary'}\n`,
);
