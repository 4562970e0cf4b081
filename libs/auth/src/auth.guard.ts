import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal, Role } from '#libs/contracts';
import { ROLES_KEY, type AuthenticatedRequest } from './auth.decorators.js';
import { InvalidTokenError } from './principal-claims.js';
import type { TokenVerifier } from './verify-token.js';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * 401 when the bearer token is missing or invalid, 403 when the caller's role may never call the
 * handler (`@Roles`). Ownership (404 for another's resource) is decided by the service that owns it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request, http.getResponse<unknown>());
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (allowed && !allowed.includes(principal.role)) {
      throw new ForbiddenException(`role ${principal.role} may not call this endpoint`);
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest, response: unknown): Promise<Principal> {
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      challenge(response, 'invalid_request');
      throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <JWT>)');
    }
    try {
      return await this.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      // The reason is logged, not returned: it would help someone probing for a weakness.
      this.logger.debug(error.reason);
      challenge(response, 'invalid_token');
      throw new UnauthorizedException('the bearer token is invalid or expired');
    }
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return match?.[1];
}

/** RFC 6750 §3: a 401 for a bearer-protected resource carries `WWW-Authenticate: Bearer`. */
function challenge(response: unknown, error: 'invalid_request' | 'invalid_token'): void {
  const value = `Bearer realm="healthclaims", error="${error}"`;
  const reply = response as {
    header?: (name: string, value: string) => unknown;
    setHeader?: (n: string, v: string) => unknown;
  };
  if (typeof reply.header === 'function') reply.header('WWW-Authenticate', value);
  else if (typeof reply.setHeader === 'function') reply.setHeader('WWW-Authenticate', value);
}
