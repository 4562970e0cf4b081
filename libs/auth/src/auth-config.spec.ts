import { ConfigError } from '#libs/config';
import { DEV_JWT_SECRET, readAuthConfig } from './auth-config.js';

const strongSecret = 'a-test-secret-that-is-long-enough-0123456789';

describe('readAuthConfig', () => {
  it('falls back to the documented development secret outside production', () => {
    expect(readAuthConfig({})).toEqual({ kind: 'shared-secret', secret: DEV_JWT_SECRET, isDevelopmentDefault: true });
  });

  it('uses AUTH_JWT_SECRET when set', () => {
    expect(readAuthConfig({ AUTH_JWT_SECRET: strongSecret })).toEqual({
      kind: 'shared-secret',
      secret: strongSecret,
      isDevelopmentDefault: false,
    });
  });

  it('uses the JWKS with optional issuer and audience when AUTH_JWKS_URL is set', () => {
    expect(
      readAuthConfig({
        AUTH_JWKS_URL: 'https://id.example/jwks.json',
        AUTH_JWT_ISSUER: 'https://id.example',
        NODE_ENV: 'production',
      }),
    ).toEqual({
      kind: 'jwks',
      jwksUrl: 'https://id.example/jwks.json',
      issuer: 'https://id.example',
      audience: undefined,
    });
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'AUTH_JWKS_URL'],
    [{ NODE_ENV: 'production', AUTH_JWT_SECRET: DEV_JWT_SECRET }, 'AUTH_JWT_SECRET'],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET'],
    [{ AUTH_JWKS_URL: 'not a url' }, 'AUTH_JWKS_URL'],
    [{ AUTH_JWKS_URL: 'ftp://id.example/jwks' }, 'AUTH_JWKS_URL'],
    [{ AUTH_JWKS_URL: 'https://id.example/jwks', AUTH_JWT_SECRET: strongSecret }, 'AUTH_JWKS_URL'],
  ])('stops on %j naming %s', (env, variable) => {
    let thrown: unknown;
    try {
      readAuthConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message).toContain(variable);
  });
});
