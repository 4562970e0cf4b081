import { Body, Controller, Get, HttpCode, Inject, Logger, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import { DeadLetterStore, isBusUnavailable, parseTimestamp, type DeadLetterFilter } from '#libs/messaging';
import { ProblemException } from '../http/problem.exception.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { DEFAULT_PAGE_SIZE } from '../pagination/page-query.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { RefusesBody } from '../validation/refuses-body.js';
import {
  DeadLetterIdParams,
  EXAMPLE_REPLAY_FILTER,
  ListDeadLettersQuery,
  ReplayDeadLettersDto,
} from './dead-letter-requests.dto.js';
import {
  DeadLetterDetailResponse,
  DeadLetterPageResponse,
  DeadLetterReplayResponse,
  DeadLetterReplaySummaryResponse,
} from './dead-letter.responses.js';
import { DEAD_LETTER_STORE } from './dead-letter-store.token.js';
import {
  deadLetterDetailView,
  deadLetterPageView,
  replaySummaryView,
  replayView,
  type DeadLetterDetailView,
  type DeadLetterPageView,
  type DeadLetterReplaySummaryView,
  type DeadLetterReplayView,
} from './dead-letter-views.js';

/**
 * Dead letters (messages a consumer gave up on), for the platform's admins: list, inspect and
 * replay. Metadata only: the payload's `data` may be medical and admins see no claims; operators on
 * the box read it with `npm run dead-letters -- show <id>`. A replay is idempotent (libs/messaging,
 * DeadLetterStore), so retrying one that timed out is safe.
 */
@ApiTags('operations')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/admin/dead-letters')
@UseGuards(AuthGuard)
@Roles('admin')
export class DeadLettersController {
  private readonly logger = new Logger(DeadLettersController.name);

  constructor(@Inject(DEAD_LETTER_STORE) private readonly store: DeadLetterStore) {}

  @Get()
  @ApiOperation({ summary: 'List dead letters', description: 'Oldest first; filter by subject (or pattern) and time.' })
  @ApiOkResponse({ type: DeadLetterPageResponse, description: 'One page of dead letters' })
  @ApiProblems('validation')
  async list(@Query() query: ListDeadLettersQuery): Promise<DeadLetterPageView> {
    const page = await this.onBus(() =>
      this.store.list({ ...filterOf(query), limit: query.limit ?? DEFAULT_PAGE_SIZE, after: query.cursor }),
    );
    return deadLetterPageView(page);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replay every dead letter that matches',
    description: 'Oldest first; `{}` replays them all. Stops at the first that fails and says which.',
  })
  @ApiBody({ type: ReplayDeadLettersDto, examples: { filtered: { value: EXAMPLE_REPLAY_FILTER }, all: { value: {} } } })
  @ApiOkResponse({ type: DeadLetterReplaySummaryResponse, description: 'What was replayed' })
  @ApiProblems('validation', 'payload-too-large', 'unsupported-media-type')
  async replayAll(
    @Body() body: ReplayDeadLettersDto,
    @Caller() caller: RpcCaller,
  ): Promise<DeadLetterReplaySummaryView> {
    const summary = await this.onBus(() => this.store.replayAll(filterOf(body)));
    this.logger.log(
      `${caller.principal.sub} replayed ${summary.replayed.length} dead letter(s) (${JSON.stringify(body)})` +
        (summary.failed ? `, stopped at ${summary.failed.id}: ${summary.failed.error}` : ''),
    );
    return replaySummaryView(summary);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A dead letter', description: 'Its failure, envelope metadata and headers; not its data.' })
  @ApiOkResponse({ type: DeadLetterDetailResponse, description: 'The dead letter' })
  @ApiProblems('validation', 'not-found')
  async show(@Param() { id }: DeadLetterIdParams): Promise<DeadLetterDetailView> {
    const detail = await this.onBus(() => this.store.show(id));
    if (!detail) throw notFound(id);
    return deadLetterDetailView(detail);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replay a dead letter',
    description:
      'Publishes the original message to its subject again and removes the letter. The consumers’ inboxes ' +
      'skip a message they had handled. 404 once it is replayed.',
  })
  @ApiOkResponse({ type: DeadLetterReplayResponse, description: 'Replayed; the letter is removed' })
  @ApiProblems('validation', 'not-found')
  @RefusesBody()
  async replay(@Param() { id }: DeadLetterIdParams, @Caller() caller: RpcCaller): Promise<DeadLetterReplayView> {
    const result = await this.onBus(() => this.store.replay(id));
    if (result.outcome === 'not-found') throw notFound(id);
    this.logger.log(`${caller.principal.sub} replayed dead letter ${id} to ${result.subject}`);
    return replayView(result);
  }

  /** NATS unreachable or too slow is the caller's 503 with Retry-After, like a service that does not answer. */
  private async onBus<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isBusUnavailable(error)) throw error;
      this.logger.warn(`dead letters: ${error instanceof Error ? error.message : String(error)}`);
      throw ProblemException.of('service-unavailable', 'the message bus cannot be reached; retry shortly', {
        headers: { 'Retry-After': '1' },
      });
    }
  }
}

function filterOf({ subject, since }: { subject?: string; since?: string }): DeadLetterFilter {
  const filter: DeadLetterFilter = {};
  if (subject !== undefined) filter.subject = subject;
  const time = since === undefined ? null : parseTimestamp(since);
  if (time) filter.since = time;
  return filter;
}

function notFound(id: number): ProblemException {
  return ProblemException.of('not-found', `dead letter ${id} not found: it was replayed already, or never existed`);
}
