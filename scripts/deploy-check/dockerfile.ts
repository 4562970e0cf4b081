import { checkImage } from './policy.js';
import type { Finding } from './manifest.js';

interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

/** Instructions of a Dockerfile, continuation lines joined, comments dropped. */
function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending: Instruction | undefined;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (pending) {
      if (!line.startsWith('#')) pending.args += ` ${line.replace(/\\$/, '').trim()}`;
    } else {
      const [keyword = '', ...rest] = line.split(/\s+/);
      pending = { line: index + 1, keyword: keyword.toUpperCase(), args: rest.join(' ').replace(/\\$/, '').trim() };
    }
    if (!line.endsWith('\\')) {
      result.push(pending);
      pending = undefined;
    }
  }
  if (pending) result.push(pending);
  return result;
}

const REQUIRED_LABELS = [
  'org.opencontainers.image.title',
  'org.opencontainers.image.source',
  'org.opencontainers.image.version',
  'org.opencontainers.image.revision',
  'org.opencontainers.image.licenses',
];

/**
 * What the image must be, checked on the Dockerfile itself where no image can be built: base images pinned
 * to a version or digest, dependencies installed without dev packages in the final stage, a non-root
 * user, tini as PID 1 (signals forwarded, zombies reaped), the OCI labels.
 */
export function checkDockerfile(text: string, subject = 'Dockerfile'): Finding[] {
  const all = instructions(text);
  const problems: string[] = [];
  const args = new Map<string, string>();
  for (const instruction of all.filter((each) => each.keyword === 'ARG')) {
    const [name, value] = instruction.args.split('=');
    if (name && value !== undefined) args.set(name.trim(), value.trim().replace(/^"|"$/g, ''));
  }
  const stages = all.filter((each) => each.keyword === 'FROM');
  if (!stages.length) return [{ subject, problem: 'no FROM instruction' }];
  const stageNames = new Set(stages.map((stage) => stage.args.split(/\s+as\s+/i)[1]?.trim()).filter(Boolean));
  for (const stage of stages) {
    const image = stage.args.split(/\s+/)[0].replace(/^\$\{?(\w+)\}?$/, (_, name: string) => args.get(name) ?? '');
    if (stageNames.has(image)) continue;
    const problem = checkImage(image);
    if (problem) problems.push(`line ${stage.line}: base ${problem}`);
  }
  const finalStage = all.slice(all.indexOf(stages.at(-1)!));
  const runs = finalStage.filter((each) => each.keyword === 'RUN').map((each) => each.args);
  if (!runs.some((run) => /npm ci\b.*--omit=dev/.test(run))) {
    problems.push('the final stage does not install with `npm ci --omit=dev` (dev dependencies would ship)');
  }
  const user = finalStage
    .filter((each) => each.keyword === 'USER')
    .at(-1)
    ?.args.split(':')[0];
  if (!user) problems.push('the final stage sets no USER (it would run as root)');
  else if (user === 'root' || user === '0') problems.push(`the final stage runs as ${user}`);
  else if (!/^\d+$/.test(user))
    problems.push(`USER ${user} is not numeric: Kubernetes runAsNonRoot cannot verify a name`);
  const entrypoint = finalStage.filter((each) => each.keyword === 'ENTRYPOINT').at(-1)?.args ?? '';
  if (!/tini|dumb-init/.test(entrypoint)) problems.push('the ENTRYPOINT does not start tini (or dumb-init) as PID 1');
  const labels = finalStage
    .filter((each) => each.keyword === 'LABEL')
    .map((each) => each.args)
    .join(' ');
  const missing = REQUIRED_LABELS.filter((label) => !labels.includes(`${label}=`));
  if (missing.length) problems.push(`OCI labels missing: ${missing.join(', ')}`);
  return problems.map((problem) => ({ subject, problem }));
}
