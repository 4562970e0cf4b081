/**
 * The four journeys as shell commands, exactly as `npm start` prints them and the README shows them: pasted in
 * order after the printed `export` lines, in bash, with curl and jq, they run as written. Nothing is
 * filled in by hand: ids are captured into variables, dates come from the clock and the record's hash from the
 * API. A `#` line is a step's explanation (printed as text by the banner, so that nothing pasted is a comment); every other line is a command.
 * `scripts/test/walkthrough.spec.ts` runs what the banner prints on a fresh stack and checks each outcome.
 */
export const WALKTHROUGH = String.raw`# Helpers: J is the JSON header; claim waits (90 s at most) until a claim has left review, then shows it
J='content-type: application/json'
claim() { for i in $(seq 90); do case $(curl -s $API/v1/claims/$1 -H "authorization: Bearer $2" | jq -r .status) in received|in_review|approved) sleep 1;; *) break;; esac; done; curl -s $API/v1/claims/$1 -H "authorization: Bearer $2" | jq -c '{id, status, denialReason, totals, payout}'; }
TODAY=$(node -p 'new Date().toISOString().slice(0, 10)')
# Clinic P-1: an estimate for an office visit of M-1; the visit has a $25.00 copay, the plan pays the rest of its price
curl -s -X POST $API/v1/estimates -H "authorization: Bearer $CLINIC" -H "$J" -d '{"memberId":"M-1","providerId":"P-1","plannedDate":"'$TODAY'","lines":[{"code":"99213","units":1,"charge":15000}]}' | jq -c '{totals, lines: [.lines[] | {code, allowed, copay, planPays, patientPays}]}'
# ... the claim for it, citing the record P-1 anchored for M-1: verified, approved with the same amounts, paid on chain (payout.txHash)
SHA=$(curl -s $API/v1/records/REC-DEMO-1 -H "authorization: Bearer $CLINIC" | jq -r .sha256)
CLAIM=$(curl -s -X POST $API/v1/claims -H "authorization: Bearer $CLINIC" -H "$J" -d '{"memberId":"M-1","providerId":"P-1","serviceDate":"'$TODAY'","diagnosisCodes":["J02.9"],"lines":[{"code":"99213","units":1,"charge":15000}],"records":[{"recordId":"REC-DEMO-1","sha256":"'$SHA'"}]}' | jq -r .id)
claim $CLAIM $CLINIC
curl -s $API/v1/claims/$CLAIM/timeline -H "authorization: Bearer $CLINIC" | jq -c '[.items[] | {status, reason, actor}]'
# Insurer INS-1: its members' paid claims, and its escrow on chain (token base units, and the same in HCET)
curl -s "$API/v1/claims?status=paid" -H "authorization: Bearer $INSURER" | jq -c '[.items[] | {id, memberId, planPays: .totals.planPays, txHash: .payout.txHash}]'
curl -s $API/v1/ledger/escrow -H "authorization: Bearer $INSURER" | jq -c .
# Analyst of INS-1: the clinic bills an ECG of M-2; it falls within M-2's $500.00 deductible, so the plan owes nothing and the claim ends closed
ECG='{"memberId":"M-2","providerId":"P-1","serviceDate":"'$TODAY'","diagnosisCodes":["R07.9"],"lines":[{"code":"93000","units":1,"charge":9000}]}'
FIRST=$(curl -s -X POST $API/v1/claims -H "authorization: Bearer $CLINIC" -H "$J" -d "$ECG" | jq -r .id)
claim $FIRST $INSURER
# ... then bills the same ECG again: DUPLICATE_CLAIM (100 points) and NEAR_DUPLICATE (40) hold it for review (pending_review; the clinic and the patient see in_review)
SECOND=$(curl -s -X POST $API/v1/claims -H "authorization: Bearer $CLINIC" -H "$J" -d "$ECG" | jq -r .id)
claim $SECOND $INSURER
FLAG=$(curl -s "$API/v1/fraud/flags?status=open" -H "authorization: Bearer $ANALYST" | jq -r --arg claim $SECOND '.items[] | select(.claimId == $claim) | .id')
curl -s $API/v1/fraud/flags/$FLAG -H "authorization: Bearer $ANALYST" | jq -c '{score, held, status, rules: [.rules[] | {code, explanation}]}'
# ... the analyst confirms the flag: the claim is denied FRAUD_CONFIRMED
curl -s -X POST $API/v1/fraud/flags/$FLAG/decision -H "authorization: Bearer $ANALYST" -H "$J" -d '{"decision":"confirm","note":"same visit billed twice"}' | jq -c '{status}'
claim $SECOND $INSURER
# Patient M-1: own claims (a claim held for fraud review reads in_review, nothing more) and consents
curl -s $API/v1/claims -H "authorization: Bearer $PATIENT" | jq -c '[.items[] | {id, status, patientPays: .totals.patientPays}]'
CONSENT=$(curl -s $API/v1/consents -H "authorization: Bearer $PATIENT" | jq -r '.items[] | select(.insurerId == "INS-1" and .status == "active") | .id' | head -n 1)
# ... revokes INS-1's access, signing with M-1's development key (account 2 of the standard development mnemonic)
curl -s -X POST $API/v1/consents/$CONSENT/revoke/typed-data -H "authorization: Bearer $PATIENT" | npm run -s sign -- --account 2 | curl -s -X POST $API/v1/consents/$CONSENT/revoke -H "authorization: Bearer $PATIENT" -H "$J" -d @- | jq -c .
# ... so a claim for another visit of M-1 (yesterday's: no same-day rule applies) is denied CONSENT_MISSING
YESTERDAY=$(node -p 'new Date(Date.now() - 86400000).toISOString().slice(0, 10)')
LATER=$(curl -s -X POST $API/v1/claims -H "authorization: Bearer $CLINIC" -H "$J" -d '{"memberId":"M-1","providerId":"P-1","serviceDate":"'$YESTERDAY'","diagnosisCodes":["J02.9"],"lines":[{"code":"99213","units":1,"charge":15000}]}' | jq -r .id)
claim $LATER $PATIENT`;

/** The banner's form: a step's explanation as text, its commands indented (nothing pasted is a comment line). */
export function printedWalkthrough(): string[] {
  return WALKTHROUGH.split('\n').map((line) => (line.startsWith('# ') ? line.slice(2) : `  ${line}`));
}
