import { BusNamespace, Subjects } from '#libs/contracts';
import { z } from 'zod';
import { deadLetterSubject, subjectMatches } from './naming.js';

/** Which dead letters to look at: those of a (bare) subject or pattern, stored at or after a time. */
export interface DeadLetterFilter {
  /** A bare subject (`claims.claim.decided.v1`) or a NATS pattern of bare subjects (`billing.>`). */
  subject?: string;
  since?: Date;
}

/** Tokens of bare subjects: lower-case words, digits, `_` and `-` (subjects.ts); `*` one token, `>` the rest. */
const TOKEN = /^[a-z0-9_-]+$/;

/** Null when the text is a well-formed subject or pattern, else what is wrong with it. */
export function subjectPatternProblem(pattern: string): string | null {
  if (pattern.length === 0 || pattern.length > 200) return 'must be 1 to 200 characters';
  const tokens = pattern.split('.');
  for (const [index, token] of tokens.entries()) {
    if (token === '>' && index === tokens.length - 1) continue;
    if (token === '*' || TOKEN.test(token)) continue;
    return 'must be a subject such as claims.claim.decided.v1, or a pattern such as billing.> or *.payout.*.v1';
  }
  return null;
}

/** True when the pattern is well formed and names at least one subject of the platform (Subjects). */
export function isKnownSubjectPattern(pattern: string): boolean {
  if (subjectPatternProblem(pattern) !== null) return false;
  return Object.values(Subjects).some((subject) => subjectMatches(pattern, subject));
}

/** The JetStream filter of the DLQ stream for a filter's subject: one subject, a pattern, or all. */
export function deadLetterFilterSubject(namespace: BusNamespace, subject: string | undefined): string {
  if (subject === undefined) return deadLetterSubject(namespace, '>');
  const problem = subjectPatternProblem(subject);
  if (problem) throw new Error(`subject "${subject}" ${problem}`);
  return deadLetterSubject(namespace, subject);
}

const rfc3339 = z.iso.datetime({ offset: true });

/** An RFC 3339 timestamp with its zone (`2026-03-14T08:00:00Z`) as a Date; null for anything else. */
export function parseTimestamp(text: string): Date | null {
  if (!rfc3339.safeParse(text).success) return null;
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) return null;
  // Date rolls 2026-02-30 over into March; a timestamp must name a real day.
  const day = text.slice(0, 10);
  const [year, month, date] = day.split('-').map(Number);
  const asUtc = new Date(Date.UTC(year, month - 1, date));
  return asUtc.getUTCMonth() === month - 1 && asUtc.getUTCDate() === date ? time : null;
}
