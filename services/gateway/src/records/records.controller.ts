import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthGuard, Roles } from '#libs/auth';
import {
  ID_PATTERN,
  RpcPatterns,
  type RecordAnchorMessageView,
  type RecordSubmittedView,
  type RecordView,
  type TypedDataView,
} from '#libs/contracts';
import { ProblemException } from '../http/problem.exception.js';
import { TypedDataResponse } from '../ledger/signed-submission.dto.js';
import { ApiProblems } from '../openapi/problem.schema.js';
import { Caller, type RpcCaller } from '../rpc/rpc-caller.js';
import { ServiceRpc } from '../rpc/service-rpc.js';
import { PrepareRecordDto, RecordResponse, RecordSubmittedResponse, SubmitRecordDto } from './record.dto.js';
import { Audited } from '../audit/audited.decorator.js';

/**
 * Medical-record anchors (API.md, On chain): a clinic prepares the typed data, signs it with its own key
 * and submits it; the platform relays it and pays the gas. Only hashes and addresses go on chain.
 */
@ApiTags('on chain')
@ApiBearerAuth()
@ApiProblems('unauthorized', 'forbidden', 'service-unavailable')
@Controller('v1/records')
@UseGuards(AuthGuard)
export class RecordsController {
  constructor(private readonly rpc: ServiceRpc) {}

  @Post('typed-data')
  @Audited('record', { idsFrom: 'param', idField: 'recordId' })
  @HttpCode(200)
  @Roles('clinic')
  @ApiOperation({
    summary: 'Prepare a record anchor for signing',
    description: 'EIP-712 `RecordAnchor`, nonce and deadline filled in.',
  })
  @ApiOkResponse({ type: TypedDataResponse })
  @ApiProblems('validation', 'payload-too-large', 'unsupported-media-type')
  prepare(
    @Body() body: PrepareRecordDto,
    @Caller() caller: RpcCaller,
  ): Promise<TypedDataView<RecordAnchorMessageView>> {
    return this.rpc.call(RpcPatterns.prepareRecord, caller, {
      recordId: body.recordId,
      memberId: body.memberId,
      sha256: body.sha256,
    });
  }

  @Post()
  @Audited('record', { idField: 'recordId' })
  @HttpCode(202)
  @Roles('clinic')
  @ApiOperation({
    summary: 'Anchor a record with the clinic’s signature',
    description: 'A bad signature, another signer, an expired deadline or a used nonce is refused and nothing is sent.',
  })
  @ApiAcceptedResponse({ type: RecordSubmittedResponse })
  @ApiProblems('validation', 'conflict', 'payload-too-large', 'unsupported-media-type')
  submit(@Body() body: SubmitRecordDto, @Caller() caller: RpcCaller): Promise<RecordSubmittedView> {
    return this.rpc.call(RpcPatterns.submitRecord, caller, {
      recordId: body.recordId,
      memberId: body.memberId,
      sha256: body.sha256,
      message: body.message,
      signature: body.signature,
    });
  }

  @Get(':recordId')
  @Audited('record', { idField: 'recordId', idParam: 'recordId' })
  @Roles('clinic', 'insurer', 'patient')
  @ApiOperation({ summary: 'A record’s anchor', description: 'Clinic: own; patient: own; insurer: its members’.' })
  @ApiParam({ name: 'recordId', example: 'REC-2026-0001' })
  @ApiOkResponse({ type: RecordResponse })
  @ApiProblems('not-found')
  get(@Param('recordId') recordId: string, @Caller() caller: RpcCaller): Promise<RecordView> {
    // Record ids follow the id pattern; anything else names no record, so it is a 404 without asking.
    if (!ID_PATTERN.test(recordId)) throw ProblemException.of('not-found', 'no such record');
    return this.rpc.call(RpcPatterns.getRecord, caller, { recordId });
  }
}
