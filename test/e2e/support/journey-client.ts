import { DEV_JWT_SECRET, signDevelopmentToken, type DevelopmentTokenClaims } from '#libs/auth';
import { waitFor } from '#libs/testing';
import { submitSigned } from '../../../scripts/stack/demo-chain.js';
import { call, type ApiResponse } from '../../api/support/http.js';

/** One caller of the public API with its own token, as an integrator's client would be. */
export class JourneyClient {
  private constructor(
    readonly gatewayUrl: string,
    readonly claims: DevelopmentTokenClaims,
    readonly token: string,
  ) {}

  static async as(gatewayUrl: string, claims: DevelopmentTokenClaims): Promise<JourneyClient> {
    return new JourneyClient(gatewayUrl, claims, await signDevelopmentToken(claims, DEV_JWT_SECRET, 3600));
  }

  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse> {
    return call(method, `${this.gatewayUrl}${path}`, { token: this.token, body, headers });
  }

  /** Sends and insists on `status`, naming the call and the answer when it is anything else. */
  async expect(status: number, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await this.send(method, path, body);
    if (response.status !== status) throw new Error(`${method} ${path} → ${response.status}: ${response.text}`);
    return response.body;
  }

  /** Prepare → sign with development account `accountIndex` → submit (API.md, On chain). */
  signed(path: string, body: Record<string, unknown>, accountIndex: number): Promise<Record<string, unknown>> {
    return submitSigned(
      { gatewayUrl: this.gatewayUrl, jwtSecret: DEV_JWT_SECRET },
      this.claims,
      path,
      body,
      accountIndex,
    );
  }

  /** Follows a claim until it reaches `status`; fails at once on another final status. */
  async claimUntil(id: string, status: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
    const finals = ['paid', 'denied', 'closed'];
    return waitFor(
      async () => {
        const claim = await this.expect(200, 'GET', `/v1/claims/${id}`);
        if (claim.status !== status && finals.includes(String(claim.status))) {
          throw new Error(`claim ${id} ended ${String(claim.status)}, not ${status}: ${JSON.stringify(claim)}`);
        }
        return claim.status === status ? claim : undefined;
      },
      { what: `claim ${id} to be ${status}`, timeoutMs },
    );
  }

  async timeline(id: string): Promise<string[]> {
    const { items } = (await this.expect(200, 'GET', `/v1/claims/${id}/timeline`)) as {
      items: { status: string; reason?: string }[];
    };
    return items.map((item) => (item.reason ? `${item.status}:${item.reason}` : item.status));
  }
}
