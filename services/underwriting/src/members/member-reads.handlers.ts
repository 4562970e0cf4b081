import { Controller, Inject, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  getByIdPayload,
  ID_PATTERN,
  listMembersPayload,
  RpcPatterns,
  type MemberPage,
  type MemberView,
  type Principal,
  type RpcReply,
} from '#libs/contracts';
import { PhiCipher } from '#libs/phi';
import {
  inRole,
  insurerOf,
  invalid,
  notFound,
  ok,
  pageOfRows,
  pageRequestOf,
  parseWith,
  serveRequest,
} from '#libs/rpc';
import {
  findMember,
  listInsurerMembers,
  toMemberView,
  type MemberListQuery,
  type MemberRecord,
} from './member-store.js';

const LIST_RULES = {
  action: 'list members',
  caller: insurerOf,
  refusal: 'list members',
  read: (payload: unknown): RpcReply<MemberListQuery> => {
    const parsed = parseWith(listMembersPayload, payload);
    if (!parsed.ok) return invalid('invalid list query', parsed.errors);
    const { limit: _limit, cursor: _cursor, ...filters } = parsed.value;
    const page = pageRequestOf(parsed.value, 'entity');
    return page.ok ? ok({ ...filters, ...page.value }) : page;
  },
};

/**
 * A member's record carries their name and birth date: the insurer reads its own members, a patient
 * themself (as for eligibility). A clinic checks coverage through eligibility, which names no one, so
 * it may not read the record; analysts and admins neither.
 */
const GET_RULES = {
  action: 'get the member',
  caller: inRole('insurer', 'patient'),
  refusal: 'read member records',
  read: (payload: unknown): RpcReply<string> => {
    const parsed = getByIdPayload.safeParse(payload);
    return parsed.success && ID_PATTERN.test(parsed.data.id) ? ok(parsed.data.id) : notFound('member');
  },
};

/**
 * `GET /v1/members?planId=&status=` (insurer: its own, newest first) and `GET /v1/members/{id}`.
 * Personal data is opened here, as for every read, and never logged. Another insurer's member is
 * NOT_FOUND, never a hint that it exists.
 */
@Controller()
export class MemberReadsHandlers {
  private readonly logger = new Logger('MemberReads');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PhiCipher) private readonly cipher: PhiCipher,
  ) {}

  @MessagePattern(RpcPatterns.listMembers)
  async list(@Payload() request: unknown): Promise<RpcReply<MemberPage>> {
    return serveRequest(this.logger, request, LIST_RULES, async ({ caller: insurerId, input }) => {
      const rows = await listInsurerMembers(this.dataSource.manager, this.cipher, insurerId, {
        ...input,
        limit: input.limit + 1,
      });
      const page = pageOfRows(rows, input.limit, (member) => ({ at: new Date(member.createdAt), id: member.id }));
      return ok({ items: page.items.map(toMemberView), nextCursor: page.nextCursor });
    });
  }

  @MessagePattern(RpcPatterns.getMember)
  async get(@Payload() request: unknown): Promise<RpcReply<MemberView>> {
    return serveRequest(this.logger, request, GET_RULES, async ({ principal, input: id }) => {
      const member = await findMember(this.dataSource.manager, this.cipher, id);
      return member && maySee(principal, member) ? ok(toMemberView(member)) : notFound('member');
    });
  }
}

function maySee(principal: Principal, member: MemberRecord): boolean {
  if (principal.role === 'insurer') return principal.org === member.insurerId;
  return principal.role === 'patient' && principal.patient === member.id;
}
