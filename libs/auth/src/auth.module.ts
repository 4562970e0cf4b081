import { Global, Module, type DynamicModule } from '@nestjs/common';
import { readAuthConfig, type AuthConfig } from './auth-config.js';
import { AuthGuard, TOKEN_VERIFIER } from './auth.guard.js';
import { createTokenVerifier } from './verify-token.js';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/**
 * Provides `AuthGuard` (use it with `@UseGuards(AuthGuard)`) and the token verifier for `config`,
 * read from the environment when not given.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig = readAuthConfig()): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: TOKEN_VERIFIER, useValue: createTokenVerifier(config) },
        AuthGuard,
      ],
      exports: [AUTH_CONFIG, TOKEN_VERIFIER, AuthGuard],
    };
  }
}
