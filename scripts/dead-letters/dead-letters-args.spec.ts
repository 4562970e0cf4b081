import { DEFAULT_LIST_LIMIT, parseDeadLettersArgs, parseSince, UsageError } from './dead-letters-args.js';

const now = new Date('2026-03-14T12:00:00Z');
const parse = (line: string) => parseDeadLettersArgs(line ? line.split(' ') : [], now);

describe('npm run dead-letters arguments', () => {
  it('lists everything by default, or what a subject, a time and a limit select', () => {
    expect(parse('list')).toEqual({ kind: 'list', filter: {}, limit: DEFAULT_LIST_LIMIT });
    expect(parse('list --subject billing.> --since 2h --limit 20')).toEqual({
      kind: 'list',
      filter: { subject: 'billing.>', since: new Date('2026-03-14T10:00:00Z') },
      limit: 20,
    });
  });

  it('shows and replays one letter by id, or replays all that match', () => {
    expect(parse('show 12')).toEqual({ kind: 'show', id: 12 });
    expect(parse('replay 12')).toEqual({ kind: 'replay', id: 12 });
    expect(parse('replay --all')).toEqual({ kind: 'replay-all', filter: {} });
    expect(parse('replay --all --subject claims.claim.decided.v1 --since 2026-03-14T08:00:00Z')).toEqual({
      kind: 'replay-all',
      filter: { subject: 'claims.claim.decided.v1', since: new Date('2026-03-14T08:00:00Z') },
    });
  });

  it('prints the usage when asked or given nothing', () => {
    expect(parse('')).toEqual({ kind: 'help' });
    expect(parse('--help')).toEqual({ kind: 'help' });
    expect(parse('list -h')).toEqual({ kind: 'help' });
  });

  it.each([
    ['drop 3', /unknown command "drop"/],
    ['show', /show needs the id/],
    ['show 0', /positive whole number.*"0"/],
    ['show abc', /positive whole number.*"abc"/],
    ['show 3 4', /unexpected argument "4"/],
    ['replay', /replay needs the id of a dead letter, or --all/],
    ['replay 3 --all', /an id or --all, not both/],
    ['replay 3 --subject billing.>', /--subject goes only with list or replay --all/],
    ['replay --all --limit 5', /--limit goes only with list/],
    ['list --all', /--all goes only with replay/],
    ['list 3', /unexpected argument "3"/],
    ['list --limit 0', /--limit must be a whole number from 1 to 10000, got "0"/],
    ['list --limit 5x', /--limit must be/],
    ['list --subject claims..v1', /--subject must be a subject/],
    ['list --since yesterday', /--since must be a time .* got "yesterday"/],
    ['list --verbose', /Unknown option '--verbose'/],
  ])('refuses "%s", naming what is wrong', (line, message) => {
    expect(() => parse(line)).toThrow(UsageError);
    expect(() => parse(line)).toThrow(message);
  });

  it('reads --since as a duration back from now, a day or a timestamp', () => {
    expect(parseSince('45s', now).toISOString()).toBe('2026-03-14T11:59:15.000Z');
    expect(parseSince('30m', now).toISOString()).toBe('2026-03-14T11:30:00.000Z');
    expect(parseSince('7d', now).toISOString()).toBe('2026-03-07T12:00:00.000Z');
    expect(parseSince('2026-03-01', now).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseSince('2026-03-01T09:30:00+01:00', now).toISOString()).toBe('2026-03-01T08:30:00.000Z');
    expect(() => parseSince('2026-02-30', now)).toThrow(UsageError);
    expect(() => parseSince('2w', now)).toThrow(UsageError);
  });
});
