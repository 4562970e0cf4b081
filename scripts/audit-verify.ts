/**
 * `npm run audit:verify`: recomputes the gateway's hash-chained audit trail from its first row and checks
 * every on-chain anchor (docs/decisions/0010-audit-trail.md). Exit 0 when it holds, 1 naming the first
 * row or anchor that does not, 2 when it cannot look (a bad variable, a database or chain out of reach).
 * Reads GATEWAY_DATABASE_URL (else DATABASE_BASE_URL + hc_gateway, under BUS_NAMESPACE), CHAIN_RPC_URL,
 * and AUDIT_ANCHOR_ADDRESS (else the ledger bridge's deployments, LEDGER_DATABASE_URL or hc_ledger_bridge).
 */
import { ConfigError } from '#libs/config';
import { readAuditSources } from './audit-verify/audit-sources.js';
import { verifyAudit } from './audit-verify/verify-audit.js';

async function main(): Promise<number> {
  const verdict = await verifyAudit(readAuditSources(process.env));
  if (verdict.ok) console.log(verdict.message);
  else console.error(verdict.message);
  return verdict.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`audit:verify: ${error instanceof ConfigError ? message : `cannot verify: ${message}`}`);
    process.exit(2);
  },
);
