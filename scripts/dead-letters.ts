/**
 * `npm run dead-letters -- list|show <id>|replay <id>|replay --all [--subject <s>] [--since <t>]`:
 * the dead letters of the bus (NATS_URL, BUS_NAMESPACE), for an operator on the box. It prints
 * payloads, which may hold personal health information: the admin API shows only their metadata.
 */
import { ConfigError, readBusNamespace, readNatsUrl } from '#libs/config';
import { connectBus, DeadLetterStore } from '#libs/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  DEAD_LETTERS_USAGE,
  parseDeadLettersArgs,
  UsageError,
  type DeadLettersCommand,
} from './dead-letters/dead-letters-args.js';
import {
  formatDeadLetterTable,
  formatReplay,
  formatReplaySummary,
  notFound,
} from './dead-letters/dead-letters-output.js';

/** What a run printed and how it ended: 0 done, 1 nothing to do or a failure, 2 a bad command line. */
interface Outcome {
  code: number;
  out?: string;
  err?: string;
}

async function run(command: Exclude<DeadLettersCommand, { kind: 'help' }>, store: DeadLetterStore): Promise<Outcome> {
  switch (command.kind) {
    case 'list':
      return {
        code: 0,
        out: formatDeadLetterTable(await store.list({ ...command.filter, limit: command.limit }), store.stream),
      };
    case 'show': {
      const detail = await store.show(command.id);
      return detail ? { code: 0, out: JSON.stringify(detail, null, 2) } : { code: 1, err: notFound(command.id) };
    }
    case 'replay': {
      const result = await store.replay(command.id);
      return result.outcome === 'replayed'
        ? { code: 0, out: formatReplay(result) }
        : { code: 1, err: formatReplay(result) };
    }
    case 'replay-all': {
      const summary = await store.replayAll(command.filter);
      return { code: summary.failed ? 1 : 0, out: formatReplaySummary(summary) };
    }
  }
}

async function main(): Promise<number> {
  const command = parseDeadLettersArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    console.log(DEAD_LETTERS_USAGE);
    return 0;
  }
  const natsUrl = readNatsUrl(process.env);
  const namespace = readBusNamespace(process.env);
  let connection: NatsConnection;
  try {
    connection = await connectBus(natsUrl, 'dead-letters');
  } catch (error) {
    console.error(`dead-letters: cannot reach NATS at ${natsUrl} (NATS_URL): ${messageOf(error)}`);
    return 1;
  }
  try {
    const outcome = await run(command, new DeadLetterStore(connection, namespace));
    if (outcome.out) console.log(outcome.out);
    if (outcome.err) console.error(outcome.err);
    return outcome.code;
  } finally {
    await connection.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`dead-letters: ${error.message}\n${DEAD_LETTERS_USAGE}`);
      process.exit(2);
    }
    console.error(`dead-letters: ${error instanceof ConfigError ? error.message : messageOf(error)}`);
    process.exit(1);
  },
);
