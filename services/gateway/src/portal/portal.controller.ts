import { Body, Controller, Get, Header, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  DEMO_PRINCIPALS,
  DEMO_TOKEN_TTL_SECONDS,
  DEV_WALLET_MNEMONIC,
  demoPrincipalLabel,
  demoWalletAccount,
  signDevelopmentToken,
} from '#libs/auth';
import { ROLES, type Role } from '#libs/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { ProblemException } from '../http/problem.exception.js';
import { ApiProblems } from '../openapi/problem.schema.js';

export class DemoPrincipalView {
  @ApiProperty({ enum: ROLES, example: 'patient' }) role: Role;
  @ApiProperty({ example: 'patient M-1' }) label: string;
}

export class OidcClientView {
  @ApiProperty({ example: 'https://login.example.org/realms/healthclaims' }) issuer: string;
  @ApiProperty({ example: 'healthclaims-portal' }) clientId: string;
  @ApiProperty({ example: 'openid' }) scope: string;
}

export class PortalConfigResponse {
  @ApiProperty({
    enum: ['oidc', 'development', 'none'],
    description: 'oidc: the configured issuer; development: the demo principals (development secret only)',
  })
  signIn: 'oidc' | 'development' | 'none';
  @ApiPropertyOptional({ type: OidcClientView }) oidc?: OidcClientView;
  @ApiPropertyOptional({ type: [DemoPrincipalView] }) demoPrincipals?: DemoPrincipalView[];
  @ApiPropertyOptional({
    description: 'The block explorer’s page of a transaction, `{txHash}` standing for its hash; absent: none',
    example: 'https://explorer.example/tx/{txHash}',
  })
  explorerTxUrl?: string;
}

export class DemoSignInDto {
  @ApiProperty({ enum: ROLES, example: 'patient' })
  @IsIn(ROLES, { message: `$property must be one of ${ROLES.join(', ')}` })
  role: Role;
}

export class DemoWalletView {
  @ApiProperty({ description: 'The public development mnemonic' }) mnemonic: string;
  @ApiProperty({ example: "m/44'/60'/0'/0/2" }) path: string;
}

export class DemoSignInResponse {
  @ApiProperty({ description: 'A bearer token for the demo principal of that role' }) token: string;
  @ApiProperty({ type: 'integer', example: DEMO_TOKEN_TTL_SECONDS }) expiresIn: number;
  @ApiProperty({ type: DemoPrincipalView }) principal: DemoPrincipalView;
  @ApiPropertyOptional({
    type: DemoWalletView,
    description: 'Patients and clinics: the development key of their wallet (the one the demo registered for them)',
  })
  demoWallet?: DemoWalletView;
}

/**
 * What the web app (/app) needs before anyone signs in: how to sign in. With the public development
 * secret, also the demo sign-in: it issues the tokens `npm start` prints, which anyone can already forge
 * with that secret, so it reveals nothing; with any other way of verifying tokens it answers 404.
 * Outside /v1: these are the web app's, not the API's (no bearer token, not part of API.md).
 */
@ApiTags('portal')
// An empty requirement: no credentials needed.
@ApiSecurity({})
@Controller('portal')
export class PortalController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get('config')
  @ApiOperation({
    summary: 'How the web app signs people in, and where it links transactions',
    description: 'Public: read before signing in.',
  })
  @ApiOkResponse({ type: PortalConfigResponse })
  portalConfig(): PortalConfigResponse {
    const { oidc, explorerTxUrl } = this.config.portal;
    const links = explorerTxUrl === undefined ? {} : { explorerTxUrl };
    if (oidc) return { signIn: 'oidc', oidc: { ...oidc }, ...links };
    if (!this.developmentSignIn()) return { signIn: 'none', ...links };
    return {
      signIn: 'development',
      demoPrincipals: DEMO_PRINCIPALS.map(({ claims }) => ({ role: claims.role, label: demoPrincipalLabel(claims) })),
      ...links,
    };
  }

  @Post('demo-sign-in')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Sign in as a demo principal (development secret only)',
    description: 'The token `npm start` prints for that role; 404 unless the public development secret is in use.',
  })
  @ApiOkResponse({ type: DemoSignInResponse })
  @ApiProblems('validation', 'not-found')
  async demoSignIn(@Body() body: DemoSignInDto): Promise<DemoSignInResponse> {
    const demo = DEMO_PRINCIPALS.find(({ claims }) => claims.role === body.role);
    if (!this.developmentSignIn() || !demo || this.config.auth.kind !== 'shared-secret') {
      throw ProblemException.of('not-found', 'the demo sign-in is only offered with the development secret');
    }
    const token = await signDevelopmentToken(demo.claims, this.config.auth.secret, DEMO_TOKEN_TTL_SECONDS);
    const response: DemoSignInResponse = {
      token,
      expiresIn: DEMO_TOKEN_TTL_SECONDS,
      principal: { role: demo.claims.role, label: demoPrincipalLabel(demo.claims) },
    };
    const account = demoWalletAccount(demo.claims);
    if (account !== undefined)
      response.demoWallet = { mnemonic: DEV_WALLET_MNEMONIC, path: `m/44'/60'/0'/0/${account}` };
    return response;
  }

  private developmentSignIn(): boolean {
    return (
      this.config.auth.kind === 'shared-secret' && this.config.auth.isDevelopmentDefault && !this.config.portal.oidc
    );
  }
}
