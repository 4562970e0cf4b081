import { randomUUID } from 'node:crypto';
import { Subjects, type CheckRequested, type ClaimSubmitted, type Envelope } from '#libs/contracts';
import { Outbox, type BatchItem } from '#libs/messaging';
import { openTestCipher } from '#libs/test-bed';
import { id, type HDNodeWallet, type JsonRpcProvider } from 'ethers';
import type { EntityManager } from 'typeorm';
import { chainTime } from '../contracts/test/support/dev-chain.js';
import { CLAIMS_SCOPE, connectChain, onChainId } from '../src/chain/chain-client.js';
import { LedgerChain } from '../src/chain/ledger-chain.js';
import { saveInsurer, saveMember, saveProvider, type PartyAddresses } from '../src/directory/directory-store.js';
import { readVerificationFacts } from '../src/verification/chain-facts.js';
import { decideVerification, type VerificationFacts } from '../src/verification/decide-verification.js';
import { gatherVerifications, type VerificationGathered } from '../src/verification/gather-verification.js';
import { VerificationHandlers } from '../src/verification/verification.handlers.js';
import { aSubmittedClaim, sha256Of, uniqueId } from './support/bridge-builders.js';
import { BridgeTestBed } from './support/bridge-test-bed.js';

/** `manager` with its statements counted (every read and write of the code under test goes through query). */
function counting(manager: EntityManager): { manager: EntityManager; statements: string[] } {
  const statements: string[] = [];
  const wrapped = new Proxy(manager, {
    get(target, key, receiver) {
      if (key !== 'query') return Reflect.get(target, key, receiver) as unknown;
      return (sql: string, params?: unknown[]) => {
        statements.push(sql);
        return target.query(sql, params);
      };
    },
  });
  return { manager: wrapped, statements };
}

/** The `eth_call`s the provider sends, by the contract called (one request per HTTP call: batchMaxCount 1). */
function countCalls(provider: JsonRpcProvider): Map<string, number> {
  const calls = new Map<string, number>();
  void provider.on('debug', (info: { action: string; payload?: unknown }) => {
    if (info.action !== 'sendRpcPayload') return;
    const payloads = (Array.isArray(info.payload) ? info.payload : [info.payload]) as {
      method: string;
      params: { to: string }[];
    }[];
    for (const { method, params } of payloads) {
      if (method !== 'eth_call') continue;
      const to = params[0].to.toLowerCase();
      calls.set(to, (calls.get(to) ?? 0) + 1);
    }
  });
  return calls;
}

/** The facts as the bridge read them before batching: one `recordOf` per record, `isGranted` and `consentOf`. */
async function factsReadOneByOne(
  chain: LedgerChain,
  claim: ClaimSubmitted,
  parties: PartyAddresses,
): Promise<VerificationFacts> {
  const at = BigInt(Math.floor(Date.parse(claim.submittedAt) / 1000));
  const records = [];
  for (const { recordId, sha256 } of claim.records) {
    const [contentHash, clinic] = (await chain.records.getFunction('recordOf')(onChainId(recordId))) as string[];
    const anchored = clinic !== '0x0000000000000000000000000000000000000000';
    records.push({ sha256, anchor: anchored ? { contentHash, clinic } : null });
  }
  let consent: VerificationFacts['consent'] = null;
  if (parties.member && parties.insurer) {
    const { member, insurer } = parties;
    const inForceAt = (await chain.consents.getFunction('isGranted')(member, insurer, CLAIMS_SCOPE, at)) as boolean;
    const [grantedAt, expiresAt, revokedAt] = (await chain.consents.getFunction('consentOf')(
      member,
      insurer,
      CLAIMS_SCOPE,
    )) as bigint[];
    consent = { inForceAt, latest: grantedAt === 0n ? null : { grantedAt, expiresAt, revokedAt } };
  }
  return { records, providerAddress: parties.provider, consent, at };
}

describe('verification of a batch of claims', () => {
  let bed: BridgeTestBed;
  let chain: LedgerChain;
  let calls: Map<string, number>;
  let claims: ClaimSubmitted[];
  const INSURER = uniqueId('INS');
  const CLINIC = uniqueId('P');
  const OTHER_CLINIC = uniqueId('P');
  let members: { memberId: string; wallet: HDNodeWallet }[];

  beforeAll(async () => {
    bed = await BridgeTestBed.open('lbbatch');
    const [insurer, clinic, otherClinic] = [2, 3, 4].map((index) => bed.chain.account(index));
    members = [10, 11, 12, 13].map((index) => ({ memberId: uniqueId('M'), wallet: bed.chain.account(index) }));
    const manager = bed.db.manager;
    await saveInsurer(manager, INSURER, insurer.address);
    await saveProvider(manager, CLINIC, clinic.address);
    await saveProvider(manager, OTHER_CLINIC, otherClinic.address);
    for (const { memberId, wallet } of members) {
      await saveMember(manager, { memberId, insurerId: INSURER, address: wallet.address, version: 1 });
    }
    // Members 0 and 1 consent for a year, member 2 briefly (expired by the later submissions), member 3 never.
    const now = await chainTime(bed.chain.provider);
    for (const [index, expiresAt] of [now + 365n * 86_400n, now + 365n * 86_400n, now + 60n].entries()) {
      const registry = bed.contract('ConsentRegistry', members[index].wallet);
      await (await registry.getFunction('grant')(insurer.address, id('claims'), expiresAt)).wait();
    }
    // Records: anchored by the clinic, by the other clinic, or never.
    const records = Array.from({ length: 6 }, () => ({
      recordId: uniqueId('REC'),
      sha256: sha256Of(uniqueId('content')),
    }));
    for (const [index, record] of records.slice(0, 5).entries()) {
      const by = index === 4 ? otherClinic : clinic;
      const registry = bed.contract('RecordRegistry', by);
      await (await registry.getFunction('anchor')(id(record.recordId), `0x${record.sha256}`, by.address)).wait();
    }
    const later = new Date(Number(now + 3600n) * 1000).toISOString();
    claims = [
      ...members.map(({ memberId }) => aSubmittedClaim(memberId, CLINIC, INSURER, { records: [records[0]] })),
      ...members.map(({ memberId }) => aSubmittedClaim(memberId, CLINIC, null, { submittedAt: later })),
      aSubmittedClaim(members[0].memberId, CLINIC, INSURER, { records: [records[1], records[2]] }),
      aSubmittedClaim(members[1].memberId, CLINIC, INSURER, { records: [records[3], records[5]] }),
      aSubmittedClaim(members[0].memberId, CLINIC, INSURER, { records: [{ ...records[1], sha256: sha256Of('x') }] }),
      aSubmittedClaim(members[1].memberId, CLINIC, INSURER, { records: [records[4]] }),
      aSubmittedClaim(uniqueId('M'), CLINIC, INSURER),
    ];
    const client = await connectChain(bed.chain.url, bed.chain.account(0).privateKey);
    chain = new LedgerChain(client, bed.contracts);
    calls = countCalls(client.provider);
  });
  afterAll(async () => {
    chain?.close();
    await bed?.close();
  });

  const asks = () => claims.map((claim) => ({ claim, final: false }));

  it('reads the stored verdicts and parties in one statement and the chain in one call per kind of fact', async () => {
    calls.clear();
    const reader = counting(bed.db.manager);

    const gathered = await gatherVerifications(chain, reader.manager, asks());

    expect(reader.statements).toHaveLength(1);
    expect(Object.fromEntries(calls)).toEqual({
      [bed.contracts.recordRegistry.toLowerCase()]: 1,
      [bed.contracts.consentRegistry.toLowerCase()]: 1,
    });
    expect(gathered.map((answer) => answer.kind)).toEqual([...claims.slice(0, -1).map(() => 'facts'), 'pending']);
  });

  it('reads the same facts as one read per record and per consent, so the verdicts are the same', async () => {
    const gathered = await gatherVerifications(chain, bed.db.manager, asks());
    const batched = gathered.flatMap((answer) => (answer.kind === 'facts' ? [answer.facts] : []));
    const parties = await Promise.all(
      claims.slice(0, -1).map(async (claim) => {
        const rows: PartyAddresses[] = await bed.db.query(
          `SELECT (SELECT address FROM providers WHERE id = $1) AS provider, m.address AS member,
                  (SELECT address FROM insurers WHERE id = COALESCE($3, m.insurer_id)) AS insurer
           FROM members m WHERE m.id = $2`,
          [claim.providerId, claim.memberId, claim.insurerId],
        );
        return rows[0];
      }),
    );
    const oneByOne = await Promise.all(
      claims.slice(0, -1).map((claim, index) => factsReadOneByOne(chain, claim, parties[index])),
    );

    expect(batched).toEqual(oneByOne);
    expect(batched.map((facts) => decideVerification(facts).reason)).toEqual([
      null,
      null,
      null, // member 2's brief grant was in force at submission
      'CONSENT_MISSING',
      null,
      null,
      'CONSENT_EXPIRED',
      'CONSENT_MISSING',
      null,
      'RECORD_NOT_ANCHORED',
      'RECORD_HASH_MISMATCH',
      'RECORD_HASH_MISMATCH',
    ]);
    // With nothing to read on chain, nothing is asked.
    calls.clear();
    expect(await readVerificationFacts(chain, [])).toEqual([]);
    expect(calls.size).toBe(0);
  });

  it('stores the verdicts and adds the answers with one statement each, however many claims', async () => {
    const gathered = await gatherVerifications(chain, bed.db.manager, asks());
    const handlers = new VerificationHandlers(chain);
    const outbox = new Outbox(bed.namespace, await openTestCipher(bed.db));
    const items = claims.map((claim, index): BatchItem<ClaimSubmitted, VerificationGathered> => ({
      event: anEnvelope(claim),
      gathered: gathered[index],
      deliveryCount: 1,
      traced: (fn) => fn(),
    }));
    const before: { n: number }[] = await bed.db.query(`SELECT count(*)::int AS n FROM outbox`);

    const statements = await bed.db.transaction(async (transaction) => {
      const writer = counting(transaction);
      await handlers.onClaimsSubmitted(items, { manager: writer.manager, outbox, subject: Subjects.claimSubmitted });
      return writer.statements;
    });

    expect(statements).toHaveLength(2);
    const stored: { n: number }[] = await bed.db.query(
      `SELECT count(*)::int AS n FROM verifications WHERE claim_id = ANY($1::uuid[])`,
      [claims.map((claim) => claim.claimId)],
    );
    expect(stored[0].n).toBe(claims.length - 1);
    const after: { n: number }[] = await bed.db.query(`SELECT count(*)::int AS n FROM outbox`);
    expect(after[0].n - before[0].n).toBe(claims.length);

    // Asked again, every claim but the pending one gets its stored verdict: one read, no chain call.
    calls.clear();
    const again = await gatherVerifications(chain, bed.db.manager, asks());
    expect(again.map((answer) => answer.kind)).toEqual([...claims.slice(0, -1).map(() => 'stored'), 'pending']);
    expect(calls.size).toBe(0);
  });

  it('gathers a batch of re-asks for the ledger check only, one answer per ask in order', async () => {
    const handlers = new VerificationHandlers(chain);
    const checks = (['ledger', 'coverage', 'ledger', 'fraud'] as const).map((check, index) =>
      anEnvelope<CheckRequested>(
        { check, attempt: 2, claim: claims[index === 2 ? claims.length - 1 : 0] },
        'claims.check.requested',
      ),
    );
    calls.clear();

    const gathered = await handlers.gatherChecks(checks, { dataSource: bed.db, subject: Subjects.checkRequested });

    // The first claim's verdict is stored by now (previous test); the last claim's member is unknown.
    expect(gathered.map((answer) => answer?.kind ?? null)).toEqual(['stored', null, 'pending', null]);
    expect(calls.size).toBe(0);
  });
});

function anEnvelope<T = ClaimSubmitted>(data: T, type = 'claims.claim.submitted'): Envelope<T> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    data,
  };
}
