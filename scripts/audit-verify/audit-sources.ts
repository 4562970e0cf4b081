import { ConfigError, readBusNamespace, readUrl } from '#libs/config';
import { DEFAULT_POSTGRES_URL, serviceDatabaseUrl } from '../stack/stack-config.js';

/** Where the verifier reads: the gateway's audit, the chain, and where the `AuditAnchor` contract is. */
export interface AuditSources {
  gatewayDatabaseUrl: string;
  chainRpcUrl: string;
  /** `AUDIT_ANCHOR_ADDRESS`, or null: then the ledger bridge's `deployments` table says. */
  anchorAddress: string | null;
  bridgeDatabaseUrl: string;
}

/**
 * As the stack names the databases (`DATABASE_BASE_URL` + `hc_[<namespace>_]<service>`), unless
 * `GATEWAY_DATABASE_URL` / `LEDGER_DATABASE_URL` name them outright; the chain as the bridge's default.
 */
export function readAuditSources(env: NodeJS.ProcessEnv): AuditSources {
  const base = readUrl(env, 'DATABASE_BASE_URL', DEFAULT_POSTGRES_URL, ['postgres:', 'postgresql:']);
  const namespace = readBusNamespace(env);
  const database = (variable: string, service: string) =>
    env[variable]
      ? readUrl(env, variable, '', ['postgres:', 'postgresql:'])
      : serviceDatabaseUrl(base, service, namespace);
  const anchorAddress = env.AUDIT_ANCHOR_ADDRESS ?? '';
  if (anchorAddress && !/^0x[0-9a-fA-F]{40}$/.test(anchorAddress)) {
    throw new ConfigError('AUDIT_ANCHOR_ADDRESS', 'must be a 0x-prefixed 20-byte address');
  }
  return {
    gatewayDatabaseUrl: database('GATEWAY_DATABASE_URL', 'gateway'),
    bridgeDatabaseUrl: database('LEDGER_DATABASE_URL', 'ledger-bridge'),
    chainRpcUrl: readUrl(env, 'CHAIN_RPC_URL', 'http://127.0.0.1:8545', ['http:', 'https:']),
    anchorAddress: anchorAddress || null,
  };
}
