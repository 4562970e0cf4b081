import { aPlanRequest } from '#libs/testing';
import { call, type ApiResponse } from './http.js';

/** A distinct, well-formed EVM address per number (the stack never sends anything to the chain here). */
export function addressOf(n: number): string {
  return `0x${n.toString(16).padStart(40, '0')}`;
}

/** A plan body (API.md, Set-up) covering office visits, labs, diagnostics and therapy, with overrides. */
export function aPlan(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...aPlanRequest({ id, name: `Plan ${id}` }), ...overrides };
}

let nextMemberAddress = 1000;

/** A member body, open-ended from 1 January 2026 unless overridden. */
export function aMember(id: string, planId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `Member ${id}`,
    birthDate: '1985-12-10',
    planId,
    coverageStart: '2026-01-01',
    coverageEnd: null,
    address: addressOf((nextMemberAddress += 1)),
    ...overrides,
  };
}

/** Calls through the gateway as one caller, failing loudly when a set-up step does not succeed. */
export class SetUpClient {
  constructor(
    private readonly gatewayUrl: string,
    readonly token: string,
  ) {}

  send(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    return call(method, `${this.gatewayUrl}${path}`, { token: this.token, body });
  }

  async expect(status: number, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await this.send(method, path, body);
    if (response.status !== status) {
      throw new Error(`${method} ${path} answered ${response.status}, not ${status}: ${response.text}`);
    }
    return response.body;
  }
}
