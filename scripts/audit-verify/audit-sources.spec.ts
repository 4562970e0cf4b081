import { ConfigError } from '#libs/config';
import { readAuditSources } from './audit-sources.js';

describe('where audit:verify looks', () => {
  it('finds the databases as the stack names them, and the embedded chain', () => {
    expect(readAuditSources({})).toEqual({
      gatewayDatabaseUrl: 'postgres://postgres@127.0.0.1:5432/hc_gateway',
      bridgeDatabaseUrl: 'postgres://postgres@127.0.0.1:5432/hc_ledger_bridge',
      chainRpcUrl: 'http://127.0.0.1:8545',
      anchorAddress: null,
    });
    expect(readAuditSources({ BUS_NAMESPACE: 'demo' }).gatewayDatabaseUrl).toMatch(/\/hc_demo_gateway$/);
  });

  it('takes databases and the contract named outright', () => {
    const sources = readAuditSources({
      GATEWAY_DATABASE_URL: 'postgres://audit@db:5432/gw',
      AUDIT_ANCHOR_ADDRESS: `0x${'1'.repeat(40)}`,
    });
    expect(sources.gatewayDatabaseUrl).toBe('postgres://audit@db:5432/gw');
    expect(sources.anchorAddress).toBe(`0x${'1'.repeat(40)}`);
  });

  it.each([
    [{ AUDIT_ANCHOR_ADDRESS: '0x12' }, 'AUDIT_ANCHOR_ADDRESS'],
    [{ CHAIN_RPC_URL: 'ftp://chain' }, 'CHAIN_RPC_URL'],
    [{ GATEWAY_DATABASE_URL: 'mysql://db' }, 'GATEWAY_DATABASE_URL'],
  ])('stops on %j naming %s', (env, variable) => {
    expect(() => readAuditSources(env)).toThrow(ConfigError);
    expect(() => readAuditSources(env)).toThrow(variable);
  });
});
