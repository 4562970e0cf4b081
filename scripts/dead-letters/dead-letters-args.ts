import { parseArgs } from 'node:util';
import { isRealDate } from '#libs/contracts';
import { parseTimestamp, subjectPatternProblem, type DeadLetterFilter } from '#libs/messaging';

export const DEAD_LETTERS_USAGE = `usage: npm run dead-letters -- <command>
  list [--subject <s>] [--since <t>] [--limit <n>]   the dead letters, oldest first (default limit 100)
  show <id>                                          one letter as JSON: headers and payload
  replay <id>                                        republish it to its subject, then remove it
  replay --all [--subject <s>] [--since <t>]         the same for every letter that matches
--subject: a subject (claims.claim.decided.v1) or a quoted pattern ('billing.>', '*.payout.*.v1')
--since: a time (2026-03-14T08:00:00Z, 2026-03-14) or a duration back from now (45s, 30m, 2h, 7d)
Reads NATS_URL and BUS_NAMESPACE like the services.`;

export type DeadLettersCommand =
  | { kind: 'help' }
  | { kind: 'list'; filter: DeadLetterFilter; limit: number }
  | { kind: 'show'; id: number }
  | { kind: 'replay'; id: number }
  | { kind: 'replay-all'; filter: DeadLetterFilter };

/** A command line that cannot be run: the message says which argument and why. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 10_000;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** The command of `npm run dead-letters -- …`; `now` anchors durations such as `--since 2h`. */
export function parseDeadLettersArgs(argv: readonly string[], now: Date = new Date()): DeadLettersCommand {
  const { values, positionals } = parse(argv);
  if (values.help || positionals.length === 0) return { kind: 'help' };
  const [command, ...rest] = positionals;
  const filter = readFilter(values, now);
  const onlyWith = (options: string[], where: string) => {
    const given = options.filter((name) => values[name as keyof typeof values] !== undefined);
    if (given.length) throw new UsageError(`--${given[0]} goes only with ${where}`);
  };
  switch (command) {
    case 'list':
      expectPositionals(command, rest, 0);
      onlyWith(['all'], 'replay');
      return { kind: 'list', filter, limit: readLimit(values.limit) };
    case 'show':
      expectPositionals(command, rest, 1);
      onlyWith(['all', 'subject', 'since', 'limit'], 'list or replay --all');
      return { kind: 'show', id: readId(rest[0]) };
    case 'replay':
      onlyWith(['limit'], 'list');
      if (values.all) {
        if (rest.length) throw new UsageError('replay takes an id or --all, not both');
        return { kind: 'replay-all', filter };
      }
      if (rest.length === 0) throw new UsageError('replay needs the id of a dead letter, or --all');
      expectPositionals(command, rest, 1);
      onlyWith(['subject', 'since'], 'list or replay --all');
      return { kind: 'replay', id: readId(rest[0]) };
    default:
      throw new UsageError(`unknown command "${command}": use list, show or replay`);
  }
}

/** `--since`: an RFC 3339 time, a day (midnight UTC) or a duration back from `now`. */
export function parseSince(text: string, now: Date): Date {
  const duration = /^(\d{1,6})([smhd])$/.exec(text);
  if (duration) return new Date(now.getTime() - Number(duration[1]) * UNIT_MS[duration[2] as keyof typeof UNIT_MS]);
  if (isRealDate(text)) return new Date(`${text}T00:00:00Z`);
  const time = parseTimestamp(text);
  if (time) return time;
  throw new UsageError(
    `--since must be a time (2026-03-14T08:00:00Z or 2026-03-14) or a duration such as 30m, 2h or 7d, got "${text}"`,
  );
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        subject: { type: 'string' },
        since: { type: 'string' },
        limit: { type: 'string' },
        all: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function readFilter(values: { subject?: string; since?: string }, now: Date): DeadLetterFilter {
  const filter: DeadLetterFilter = {};
  if (values.subject !== undefined) {
    const problem = subjectPatternProblem(values.subject);
    if (problem) throw new UsageError(`--subject ${problem}, got "${values.subject}"`);
    filter.subject = values.subject;
  }
  if (values.since !== undefined) filter.since = parseSince(values.since, now);
  return filter;
}

function readLimit(text: string | undefined): number {
  if (text === undefined) return DEFAULT_LIST_LIMIT;
  const limit = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIST_LIMIT)) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIST_LIMIT}, got "${text}"`);
  }
  return limit;
}

function readId(text: string): number {
  const id = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(id >= 1)) throw new UsageError(`the id of a dead letter is a positive whole number (see list), got "${text}"`);
  return id;
}

function expectPositionals(command: string, rest: string[], count: number): void {
  if (rest.length > count) throw new UsageError(`${command}: unexpected argument "${rest[count]}"`);
  if (rest.length < count) throw new UsageError(`${command} needs the id of a dead letter (see list)`);
}
