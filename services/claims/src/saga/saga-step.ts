import type { CheckName, ClaimStatus } from '#libs/contracts';
import type { CheckState, ClaimSagaState, LineVerdict, TimelineActor } from './saga-state.js';

/** What the shell must do, in order, in the transaction that handles the input. */
export type SagaCommand =
  | { kind: 'setStatus'; status: ClaimStatus; reason: string | null }
  | { kind: 'appendTimeline'; status: ClaimStatus; reason: string | null; actor: TimelineActor }
  | { kind: 'recordClaimFacts'; insurerId: string | null; currency: string | null }
  | { kind: 'setLineVerdicts'; lines: LineVerdict[] }
  | { kind: 'publishDecided'; status: 'approved' | 'denied'; reason: string | null; lines: LineVerdict[] }
  /** `final`, only when set: the check must judge on what it knows now (see `asksForFinalVerdict`). */
  | { kind: 'requestCheck'; check: CheckName; attempt: number; final?: true };

export interface SagaStep {
  state: ClaimSagaState;
  commands: SagaCommand[];
}

/** Accumulates one step's state changes and commands, keeping the input state untouched. */
export class Step {
  private readonly commands: SagaCommand[] = [];

  constructor(public state: ClaimSagaState) {}

  update(patch: Partial<ClaimSagaState>): void {
    this.state = { ...this.state, ...patch };
  }

  /** Callers store a check's own answer under its own name (`answer.check` is the key). */
  setCheck(check: CheckName, next: CheckState): void {
    this.update({ checks: { ...this.state.checks, [check]: next } });
  }

  transition(status: ClaimStatus, reason: string | null, actor: TimelineActor): void {
    this.update({ status });
    this.emit({ kind: 'setStatus', status, reason });
    this.emit({ kind: 'appendTimeline', status, reason, actor });
  }

  emit(command: SagaCommand): void {
    this.commands.push(command);
  }

  result(): SagaStep {
    return { state: this.state, commands: this.commands };
  }
}
