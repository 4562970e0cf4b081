import { useSession } from '../auth/session';
import { reasonWords } from './reason-words';

/**
 * A reason as its code and a sentence: the code for anyone who calls the insurer or the clinic about it,
 * the sentence in the signed-in role's words (a patient's own, see reason-words.ts).
 */
export function Reason({ code }: { code: string }) {
  const reader = useSession()?.role === 'patient' ? 'patient' : 'staff';
  return (
    <span className="reason">
      <code>{code}</code> {reasonWords(code, reader)}
    </span>
  );
}

/** A reason after a status, in the muted colour: "Denied NOT_COVERED The plan…", or "— " before it in a history. */
export function ReasonNote({ code, dash = false }: { code: string; dash?: boolean }) {
  return (
    <span className="muted">
      {dash ? ' — ' : ' '}
      <Reason code={code} />
    </span>
  );
}
