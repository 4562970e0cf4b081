import { readFileSync } from 'node:fs';
import { waitFor } from '#libs/testing';
import { spawnManaged } from './managed-process.js';

/** Gone, or a zombie waiting to be reaped by whoever inherited it. */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] === 'Z';
  } catch {
    return true;
  }
}

/** A child that prints lines, starts a grandchild, and may refuse SIGTERM. */
function aChild(ignoreTerm: boolean) {
  const lines: string[] = [];
  const script = `
    const { spawn } = require('node:child_process');
    ${ignoreTerm ? "process.on('SIGTERM', () => console.log('ignoring SIGTERM'));" : ''}
    const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    console.log('first line\\nsecond line');
    console.error('grandchild ' + grandchild.pid);
    setInterval(() => {}, 1000);
  `;
  const managed = spawnManaged('worker', process.execPath, ['-e', script], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_OPTIONS: '' },
    write: (line) => lines.push(line),
    prefixWidth: 8,
  });
  const grandchildPid = async () => {
    for (;;) {
      const found = lines.map((line) => /grandchild (\d+)/.exec(line)).find(Boolean);
      if (found) return Number(found[1]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { managed, lines, grandchildPid };
}

describe('a managed process', () => {
  it('shows each output line under its name', async () => {
    const { managed, lines, grandchildPid } = aChild(false);
    await grandchildPid();
    expect(lines).toEqual(expect.arrayContaining(['worker   | first line', 'worker   | second line']));
    await managed.stop(2000);
  });

  it('stops on SIGTERM and takes the processes it started with it', async () => {
    const { managed, grandchildPid } = aChild(false);
    const grandchild = await grandchildPid();
    await managed.stop(2000);
    expect(managed.isRunning()).toBe(false);
    expect(await managed.exited).toBe('SIGTERM');
    expect(managed.stopRequested()).toBe(true);
    await waitFor(() => isGone(grandchild), { timeoutMs: 2000, what: 'the grandchild to be gone' });
  });

  it('is killed when it ignores SIGTERM beyond the grace period', async () => {
    const { managed, lines, grandchildPid } = aChild(true);
    const grandchild = await grandchildPid();
    const started = Date.now();
    await managed.stop(300);
    expect(await managed.exited).toBe('SIGKILL');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(lines).toContain('worker   | ignoring SIGTERM');
    await waitFor(() => isGone(grandchild), { timeoutMs: 2000, what: 'the grandchild to be gone' });
  });
});
