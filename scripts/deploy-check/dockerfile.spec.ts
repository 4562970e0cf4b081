import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDockerfile } from './dockerfile.js';

const GOOD = `ARG BASE=node:20.20.2-bookworm-slim
FROM \${BASE} AS build
RUN npm ci && npm run build
FROM \${BASE}
LABEL org.opencontainers.image.title="x" org.opencontainers.image.source="s" \\
      org.opencontainers.image.version="1" org.opencontainers.image.revision="r" org.opencontainers.image.licenses="MIT"
RUN apt-get install -y tini
RUN npm ci --omit=dev
COPY --from=build /src/dist ./dist
USER 1000:1000
ENTRYPOINT ["/usr/bin/tini", "--", "node", "main.js"]
`;

describe('Dockerfile check', () => {
  it("passes the repository's Dockerfile", () => {
    expect(checkDockerfile(readFileSync(join(import.meta.dirname, '..', '..', 'Dockerfile'), 'utf8'))).toEqual([]);
  });

  it('passes a pinned, non-root image with tini and no dev dependencies', () => {
    expect(checkDockerfile(GOOD)).toEqual([]);
  });

  it('names each fault: an unpinned base, dev dependencies, root, no tini, missing labels', () => {
    const bad = GOOD.replace('node:20.20.2-bookworm-slim', 'node:latest')
      .replace('npm ci --omit=dev', 'npm ci')
      .replace('USER 1000:1000', 'USER root')
      .replace('"/usr/bin/tini", "--", ', '')
      .replace(' org.opencontainers.image.licenses="MIT"', '');
    expect(checkDockerfile(bad).map((finding) => finding.problem)).toEqual([
      'line 2: base image node:latest uses the latest tag',
      'line 4: base image node:latest uses the latest tag',
      'the final stage does not install with `npm ci --omit=dev` (dev dependencies would ship)',
      'the final stage runs as root',
      'the ENTRYPOINT does not start tini (or dumb-init) as PID 1',
      'OCI labels missing: org.opencontainers.image.licenses',
    ]);
  });
});
