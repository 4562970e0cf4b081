import {
  EventSubscriber,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';

/** Where a transaction's pending effects wait: TypeORM's per-runner scratch space for subscribers. */
const PENDING = Symbol('effects after commit');

type Effect = () => void;

function takePending(runner: QueryRunner): Effect[] {
  const data = runner.data as { [PENDING]?: Effect[] };
  const effects = data[PENDING] ?? [];
  delete data[PENDING];
  return effects;
}

/**
 * Runs `effect` once the transaction of `manager` commits, or at once outside a transaction; never if it
 * rolls back. For what must only tell of committed work (a metric, a log line) while a retried handler
 * may run the same code twice. Needs the DataSource of `createDataSource`, which carries `RunAfterCommit`.
 */
export function afterCommit(manager: EntityManager, effect: Effect): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return effect();
  const data = runner.data as { [PENDING]?: Effect[] };
  (data[PENDING] ??= []).push(effect);
}

/**
 * Runs the effects of `afterCommit` when the outermost transaction commits, and drops them on any
 * rollback (a savepoint's too: an effect cannot be traced to its savepoint, and telling too little
 * is better than telling of work undone). An effect that throws does not stop the others.
 */
// Decorated because TypeORM only instantiates listed subscriber classes it has metadata for.
@EventSubscriber()
export class RunAfterCommit implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint also broadcasts a commit; the outer transaction may still roll back.
    if (event.queryRunner.isTransactionActive) return;
    for (const effect of takePending(event.queryRunner)) {
      try {
        effect();
      } catch {
        // A metric or a log line must not fail work already committed.
      }
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    takePending(event.queryRunner);
  }
}
