import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

const HEADER = `# Benchmarks

Figures measured by \`npm run bench\` (bench/), each on an isolated stack of its own (own databases and bus
namespace) on the machine named with it. One section per scenario; a run replaces its own section only.
Compare figures only between runs on the same machine.
`;

/** The page with one scenario's section put in (between markers named after it), others kept. */
export function withSection(page: string, scenario: string, markdown: string): string {
  const begin = `<!-- bench:${scenario}:begin -->`;
  const end = `<!-- bench:${scenario}:end -->`;
  const section = `${begin}\n\n${markdown.trim()}\n\n${end}`;
  const from = page.indexOf(begin);
  const to = page.indexOf(end);
  return from >= 0 && to > from
    ? `${page.slice(0, from)}${section}${page.slice(to + end.length)}`
    : `${page.trimEnd()}\n\n${section}\n`;
}

/**
 * Writes one scenario's section into the benchmarks page, keeping every other scenario's section and
 * any prose, formatted the way `npm run lint` expects.
 */
export async function updateBenchmarksPage(path: string, scenario: string, markdown: string): Promise<void> {
  const page = existsSync(path) ? readFileSync(path, 'utf8') : HEADER;
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(withSection(page, scenario, markdown), { ...options, filepath: path }));
}
