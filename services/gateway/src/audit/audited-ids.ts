import type { AuditedRoute } from './audited.decorator.js';

export interface AuditedIds {
  resourceIds: string[];
  memberIds: string[];
}

type Values = Record<string, unknown>;

/**
 * The ids an audit row names: of the resources touched, and of the members whose personal data they hold.
 * From the reply when there is one (an object, or a page's `items`), else from the path and query, so a
 * refused attempt still says what was asked for. Ids only: never names, dates or codes.
 */
export function auditedIds(
  route: AuditedRoute,
  request: { params: Values; query: Values; body?: unknown },
  reply?: unknown,
): AuditedIds {
  const resourceIds = new Set<string>();
  const memberIds = new Set<string>();
  const fromPath = (name: string | undefined, into: Set<string>) => {
    const value = name === undefined ? undefined : (request.params[name] ?? request.query[name]);
    if (typeof value === 'string' && value) into.add(value);
  };
  fromPath(route.memberParam, memberIds);
  const body = isObject(request.body) ? request.body : {};
  // A write names its member in the body (a claim, an estimate, a record).
  if (typeof body.memberId === 'string') memberIds.add(body.memberId);
  if (reply === undefined || route.idsFrom === 'param') {
    fromPath(route.idParam ?? 'id', resourceIds);
    const named = route.idField === undefined ? undefined : body[route.idField];
    if (typeof named === 'string') resourceIds.add(named);
  }
  if (reply !== undefined && isObject(reply)) {
    collect(reply, route, route.idsFrom === 'param' ? null : resourceIds, memberIds);
    if (Array.isArray(reply.items) && route.idsFrom !== 'param') {
      for (const item of reply.items) if (isObject(item)) collect(item, route, resourceIds, memberIds);
    }
  }
  return { resourceIds: [...resourceIds], memberIds: [...memberIds] };
}

function collect(value: Values, route: AuditedRoute, resourceIds: Set<string> | null, memberIds: Set<string>): void {
  const id = value[route.idField ?? 'id'];
  if (resourceIds && typeof id === 'string') resourceIds.add(id);
  // A member's own id is whose data it is.
  if (route.resource === 'member' && typeof id === 'string') memberIds.add(id);
  if (typeof value.memberId === 'string') memberIds.add(value.memberId);
  // A flag's detail carries its claim, whose member is the one concerned.
  const claim = value.claim;
  if (isObject(claim) && typeof claim.memberId === 'string') memberIds.add(claim.memberId);
}

function isObject(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
