import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../portal/repo-root.js';
import { buildStandaloneOpenApiDocument } from './portal-api.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every `METHOD /path` written in code spans of docs/api.md, query strings dropped. */
function documentedRoutes(markdown: string): Set<string> {
  const routes = new Set<string>();
  for (const [, method, path] of markdown.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`?\s]*)/g)) {
    routes.add(`${method} ${path}`);
  }
  return routes;
}

/** Served, but not API operations: the document itself and the web app's entry (described in prose). */
const OUTSIDE_THE_DOCUMENT = new Set(['GET /', 'GET /openapi.json', 'GET /docs']);

const notInTheDocument = (route: string): boolean => OUTSIDE_THE_DOCUMENT.has(route);

describe('docs/api.md, the in-repo API reference', () => {
  it('lists exactly the routes the gateway serves', async () => {
    const document = await buildStandaloneOpenApiDocument();
    const served = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) if (item[method]) served.add(`${method.toUpperCase()} ${path}`);
    }
    const documented = documentedRoutes(readFileSync(join(repoRoot(), 'docs', 'api.md'), 'utf8'));

    const undocumented = [...served].filter((route) => !documented.has(route)).sort();
    const notServed = [...documented].filter((route) => !served.has(route) && !notInTheDocument(route)).sort();
    expect({ undocumented, notServed }).toEqual({ undocumented: [], notServed: [] });
  });
});
