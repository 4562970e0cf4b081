import { BusNamespace, DEAD_LETTER_PREFIX, STREAMS } from '#libs/contracts';

/**
 * Names on the bus, pure so they can be tested and shared by provisioning and consumers.
 * Durable names may not contain `.`, `*`, `>` or whitespace, hence the `_` for dots.
 */
export function durableName(service: string, subject: string): string {
  const name = `${service}__${subject.replace(/\./g, '_')}`;
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw new Error(`service "${service}" and subject "${subject}" make an invalid durable name "${name}"`);
  }
  return name;
}

/** Where a message that exhausted its deliveries goes: `<ns>.dlq.<bare subject>`. */
export function deadLetterSubject(namespace: BusNamespace, subject: string): string {
  return namespace.subject(`${DEAD_LETTER_PREFIX}${subject}`);
}

/** True when a NATS subject pattern (`*` one token, `>` the rest) matches a concrete subject. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const wanted = pattern.split('.');
  const actual = subject.split('.');
  for (let i = 0; i < wanted.length; i++) {
    if (wanted[i] === '>') return actual.length > i;
    if (i >= actual.length) return false;
    if (wanted[i] !== '*' && wanted[i] !== actual[i]) return false;
  }
  return wanted.length === actual.length;
}

/** The bare name of the stream (from STREAMS) that captures a bare subject. */
export function streamOf(subject: string): string {
  const stream = STREAMS.find((candidate) => candidate.subjects.some((pattern) => subjectMatches(pattern, subject)));
  if (!stream) throw new Error(`no stream in STREAMS captures subject "${subject}"`);
  return stream.name;
}
