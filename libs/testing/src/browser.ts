import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's chromium package; nothing is downloaded (playwright-core only, no browser of its own). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Without the background-networking flags Chromium keeps trying to reach Google's services, and on a
 * machine with a closed network those connections are refused loudly; none of them matters to a test.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser for the web app's tests (test/portal, services/gateway/test): Chromium driven by playwright-core. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations the pages reported: a strict CSP that breaks the app shows here. */
  problems: string[];
  close: () => Promise<void>;
}

/** Chromium with a fresh profile; fails with what to install when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need Debian's chromium package ` +
        '(apt-get install -y --no-install-recommends chromium), or set CHROMIUM_PATH.',
    );
  }
  // Loaded here, not at the top: it takes a second, and every test imports this lib.
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'portal-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    // Chromium logs every HTTP error answer; the journeys cause some on purpose (a 400 shown next to its
    // field, a 404 for another's claim) and the pages show them. Anything else is a problem, CSP refusals first.
    const text = message.text();
    if (
      message.type() === 'error' &&
      !/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)
    ) {
      problems.push(text);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * axe-core's WCAG checks on the page as it is now. axe is evaluated through the DevTools protocol, which
 * the page's CSP does not govern (an injected <script> would be refused, as it should be).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  // A string, evaluated in the page: this project's types have no DOM.
  const results = await page.evaluate<AxeResults>(`axe.run(document, { resultTypes: ['violations'] })`);
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.length,
  }));
}

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[];
}

/** The violations a page may not have: serious and critical ones. */
export function seriousOrCritical(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/**
 * Saves a screenshot of the page as `<name>.png`: into docs/screenshots when `UPDATE_SCREENSHOTS=1` (to
 * refresh the pictures the README shows), else into .stack/screenshots, so a test run leaves the working
 * tree as it found it.
 */
export async function saveScreenshot(page: Page, root: string, name: string): Promise<string> {
  const dir =
    process.env.UPDATE_SCREENSHOTS === '1' ? join(root, 'docs', 'screenshots') : join(root, '.stack', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
