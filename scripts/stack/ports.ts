import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';

/** True when nothing listens on `port` of 127.0.0.1 right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Best effort: the program listening on a port, from `ss`, so the message can name it. */
export function describeListener(port: number): string | undefined {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8', timeout: 2000 });
    const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(out);
    return match ? `${match[1]} (pid ${match[2]})` : undefined;
  } catch {
    return undefined;
  }
}

export interface PortClaim {
  what: string;
  port: number;
  /** The environment variable that moves it. */
  variable: string;
}

/** Every claim whose port is taken, as a message that says by what and how to move it. */
export async function takenPorts(claims: PortClaim[]): Promise<string[]> {
  const problems: string[] = [];
  for (const claim of claims) {
    if (await isPortFree(claim.port)) continue;
    const holder = describeListener(claim.port);
    problems.push(
      `port ${claim.port} for ${claim.what} is already in use${holder ? ` by ${holder}` : ''}: ` +
        `stop that program or choose another port with ${claim.variable}=<port>`,
    );
  }
  return problems;
}
