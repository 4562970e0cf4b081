import type { Page } from 'playwright-core';
import {
  axeViolations,
  launchChromium,
  seriousOrCritical,
  testNamespace,
  type AxeViolation,
  type Browser,
} from '#libs/testing';
import { cleanUpStack, isolatedStackEnv, startStack, type StackRun } from '../../../scripts/test/stack-harness.js';

/**
 * One role's journey in Chromium (test/portal) against the platform started as `npm start` starts it: the
 * browser and the stack, the tokens the banner printed, axe on each page the journey reaches, and the
 * figures the journey prints at the end. `stop()` in afterAll closes the browser and removes the stack.
 */
export class PortalJourney {
  readonly axeByPage: Record<string, AxeViolation[]> = {};
  gateway = '';
  /** What `npm start` printed: the banner with its links and tokens. */
  output = '';
  private readonly namespace: string;
  private stack: StackRun | undefined;
  private browser: Browser | undefined;
  private startedAt = 0;
  private stackUpAt = 0;

  constructor(private readonly role: 'patient' | 'clinic' | 'analyst' | 'insurer') {
    this.namespace = testNamespace(`portal-${role}`);
  }

  /** Launches Chromium and the stack, and checks that the banner prints the role's sign-in link. */
  async start(): Promise<void> {
    this.startedAt = Date.now();
    this.browser = await launchChromium();
    const env = await isolatedStackEnv(this.namespace);
    this.stack = await startStack(env);
    this.gateway = `http://127.0.0.1:${env.GATEWAY_PORT}`;
    this.output = this.stack.output();
    expect(this.output).toContain(this.signInLink);
    this.stackUpAt = Date.now();
  }

  /** The banner's link for the role: it names the role, never a token. */
  get signInLink(): string {
    return `${this.gateway}/app/sign-in?as=${this.role}`;
  }

  get page(): Page {
    if (!this.browser) throw new Error('start() the journey first');
    return this.browser.page;
  }

  /** Console errors and CSP refusals the pages reported. */
  get problems(): string[] {
    return this.browser?.problems ?? [];
  }

  /** The bearer header of the token the banner printed as `export <NAME>=…`. */
  printedAuthorization(name: 'PATIENT' | 'INSURER' | 'ANALYST' | 'ADMIN'): Record<string, string> {
    const token = new RegExp(`\\n {2}export ${name}=(\\S+)`).exec(this.output)?.[1];
    if (!token) throw new Error(`the banner printed no ${name} token`);
    return { authorization: `Bearer ${token}` };
  }

  /** The set-up before the browser part ends here (the printed figures split the time at this point). */
  markSetUpDone(): void {
    this.stackUpAt = Date.now();
  }

  /** Runs axe on the page as it is now: no serious or critical violation. */
  async checkAxe(name: string): Promise<void> {
    this.axeByPage[name] = await axeViolations(this.page);
    expect({ page: name, violations: seriousOrCritical(this.axeByPage[name]) }).toEqual({ page: name, violations: [] });
  }

  /** Asserts no page reported a problem and prints the journey's figures (times, axe per page, `extra`). */
  finish(extra = ''): void {
    expect(this.problems).toEqual([]);
    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    const axe = Object.entries(this.axeByPage).map(
      ([name, violations]) =>
        `  ${name}: ${violations.length ? violations.map((v) => `${v.id} (${v.impact})`).join(', ') : 'no violation'}`,
    );
    process.stdout.write(
      `${this.role} journey: set-up ${seconds(this.stackUpAt - this.startedAt)} s, browser journey ${seconds(Date.now() - this.stackUpAt)} s\n` +
        `${extra ? `${extra}\n` : ''}axe:\n${axe.join('\n')}\n`,
    );
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await cleanUpStack(this.stack, this.namespace);
  }
}

/** Minor units as the app shows US dollars. */
export const usd = (minorUnits: number): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minorUnits / 100);

/** HCET base units (18 decimals) as the app shows them: truncated to two decimals, with the symbol. */
export const hcet = (baseUnits: string, symbol = 'HCET'): string => {
  const hundredths = BigInt(baseUnits) / 10n ** 16n;
  return `${(hundredths / 100n).toLocaleString('en-US')}.${(hundredths % 100n).toString().padStart(2, '0')} ${symbol}`;
};
