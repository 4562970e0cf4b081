import { ConfigError } from '#libs/config';
import { portVariableOf, readStackConfig, serviceDatabaseUrl, serviceEnv } from './stack-config.js';

const SECRET = 'a-development-secret-that-is-long-enough';

describe('the stack configuration', () => {
  it('runs every service on its default port and its own database when nothing is set', () => {
    const config = readStackConfig({}, SECRET);
    expect(config.services.map((s) => [s.name, s.port])).toEqual([
      ['claims', 8081],
      ['underwriting', 8082],
      ['billing', 8083],
      ['fraud', 8084],
      ['ledger-bridge', 8085],
      ['gateway', 8080],
    ]);
    expect(config.services.find((s) => s.name === 'ledger-bridge')?.databaseUrl).toBe(
      'postgres://postgres@127.0.0.1:5432/hc_ledger_bridge',
    );
    expect(config.chainPort).toBe(8545);
    expect(config.jwtSecret).toBe(SECRET);
  });

  it('moves a port with the variable it names', () => {
    const config = readStackConfig({ LEDGER_BRIDGE_PORT: '9085', CHAIN_PORT: '9545' }, SECRET);
    const bridge = config.services.find((s) => s.name === 'ledger-bridge');
    expect(bridge).toMatchObject({ port: 9085, portVariable: 'LEDGER_BRIDGE_PORT' });
    expect(config.chainPort).toBe(9545);
    expect(portVariableOf('gateway')).toBe('GATEWAY_PORT');
  });

  it('gives a stack under a bus namespace databases of its own', () => {
    const config = readStackConfig({ BUS_NAMESPACE: 'demo-2' }, SECRET);
    expect(config.services.find((s) => s.name === 'claims')?.databaseUrl).toBe(
      'postgres://postgres@127.0.0.1:5432/hc_demo_2_claims',
    );
    expect(serviceDatabaseUrl('postgres://u:p@db:6543', 'fraud')).toBe('postgres://u:p@db:6543/hc_fraud');
  });

  it('starts the embedded chain unless CHAIN_RPC_URL names another, which must be an http(s) or ws(s) URL', () => {
    expect(readStackConfig({}, SECRET).externalChainUrl).toBeNull();
    expect(readStackConfig({ CHAIN_RPC_URL: 'https://rpc.example:8545' }, SECRET).externalChainUrl).toBe(
      'https://rpc.example:8545',
    );
    expect(() => readStackConfig({ CHAIN_RPC_URL: 'ftp://rpc.example' }, SECRET)).toThrow(/CHAIN_RPC_URL/);
  });

  it('stops with the name of a bad variable', () => {
    const nameOf = (env: Record<string, string>) => {
      try {
        readStackConfig(env, SECRET);
      } catch (error) {
        return error instanceof ConfigError ? error.variable : 'not a ConfigError';
      }
      return 'accepted';
    };
    expect(nameOf({ CLAIMS_PORT: 'eighty' })).toBe('CLAIMS_PORT');
    expect(nameOf({ DATABASE_BASE_URL: 'mysql://x' })).toBe('DATABASE_BASE_URL');
    expect(nameOf({ NATS_URL: 'http://x' })).toBe('NATS_URL');
    expect(nameOf({ BUS_NAMESPACE: 'Not Valid' })).toBe('BUS_NAMESPACE');
  });

  it('points the gateway at the readiness of every other service and keeps every service on this machine', () => {
    const config = readStackConfig({ FRAUD_PORT: '9084' }, SECRET);
    const gateway = config.services.find((s) => s.name === 'gateway');
    const claims = config.services.find((s) => s.name === 'claims');
    if (!gateway || !claims) throw new Error('missing service');
    const env = serviceEnv(config, gateway, 'http://127.0.0.1:8545');
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.UPSTREAM_READY_URLS?.split(',')).toEqual([
      'http://127.0.0.1:8081/health/ready',
      'http://127.0.0.1:8082/health/ready',
      'http://127.0.0.1:8083/health/ready',
      'http://127.0.0.1:9084/health/ready',
      'http://127.0.0.1:8085/health/ready',
    ]);
    expect(serviceEnv(config, claims, 'http://127.0.0.1:8545')).toEqual({
      PORT: '8081',
      OTEL_SERVICE_NAME: 'claims',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hc_claims',
      NATS_URL: 'nats://127.0.0.1:4222',
      BUS_NAMESPACE: '',
      AUTH_JWT_SECRET: SECRET,
      OPS_TOKEN: config.opsToken,
      CHAIN_RPC_URL: 'http://127.0.0.1:8545',
      HOST: '127.0.0.1',
    });
  });

  it('listens where HOST says when it is set, and names HOST when it is bad', () => {
    const config = readStackConfig({ HOST: '0.0.0.0' }, SECRET);
    expect(config.services.map((service) => serviceEnv(config, service, 'http://127.0.0.1:8545').HOST)).toEqual(
      config.services.map(() => '0.0.0.0'),
    );
    expect(() => readStackConfig({ HOST: 'local host' }, SECRET)).toThrow(/HOST/);
  });

  it('gives every service one ops token: the one set, or a fresh random one per run', () => {
    const given = 'ops-token-set-by-the-operator-0123';
    expect(readStackConfig({ OPS_TOKEN: given }, SECRET)).toMatchObject({ opsToken: given, opsTokenGenerated: false });
    const first = readStackConfig({}, SECRET);
    expect(first.opsTokenGenerated).toBe(true);
    expect(first.opsToken).toMatch(/^[\w-]{32}$/);
    expect(readStackConfig({}, SECRET).opsToken).not.toBe(first.opsToken);
    expect(() => readStackConfig({ OPS_TOKEN: 'short' }, SECRET)).toThrow(/OPS_TOKEN/);
  });
});
