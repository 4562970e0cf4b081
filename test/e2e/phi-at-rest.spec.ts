import pg from 'pg';
import { waitFor } from '#libs/testing';
import { devAccount } from '../../scripts/stack/dev-accounts.js';
import { STACK_SERVICES } from '../../scripts/stack/stack-config.js';
import { JourneyClient } from './support/journey-client.js';
import { startPlatform, type Platform } from './support/platform.js';

/**
 * Issue 13, "a direct look at the databases finds no plaintext name, birth date or diagnosis code": a
 * member with unmistakable personal data goes through real journeys (enrolled, consents, a claim paid,
 * a duplicate held, noted and decided by an analyst), then every column of every table of every service
 * database of the run is searched for that data in the clear. Copies count: outbox rows, inbox rows,
 * read models, kept responses.
 */
const NAME = 'Zebulon Quixote-Phiscan';
const BIRTH_DATE = '1931-07-19';
const DIAGNOSIS = 'S06.0X1A';
/** What must not be found, each as it would be stored: the name whole or in part, the date, the code. */
const NEEDLES = ['Zebulon', 'Quixote-Phiscan', BIRTH_DATE, DIAGNOSIS];
const MEMBER = 'M-PHI-SCAN';
const MEMBER_ACCOUNT = 6;
const today = new Date().toISOString().slice(0, 10);

interface Hit {
  where: string;
  rows: number;
  sample: string;
}

/** Every column of every table in `public` (bytea aside: binary, sealed or not), searched as text. */
async function plaintextHits(databaseUrl: string): Promise<Hit[]> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type <> 'bytea'
        ORDER BY 1, 2`,
    );
    const patterns = NEEDLES.map((needle) => `%${needle}%`);
    const hits: Hit[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const { rows } = await client.query<{ rows: string; sample: string | null }>(
        `SELECT count(*) AS rows, left(min("${column}"::text), 160) AS sample FROM "${table}"
          WHERE "${column}"::text ILIKE ANY($1::text[])`,
        [patterns],
      );
      if (Number(rows[0].rows) > 0) {
        hits.push({
          where: `${database}.${table}.${column}`,
          rows: Number(rows[0].rows),
          sample: rows[0].sample ?? '',
        });
      }
    }
    return hits;
  } finally {
    await client.end();
  }
}

async function countOf(databaseUrl: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ count: string }>(sql)).rows[0].count);
  } finally {
    await client.end();
  }
}

describe('personal health information at rest, looked at in the databases', () => {
  let platform: Platform;
  let insurer: JourneyClient;
  let clinic: JourneyClient;
  let analyst: JourneyClient;

  beforeAll(async () => {
    platform = await startPlatform('phiscan');
    insurer = await JourneyClient.as(platform.gatewayUrl, { role: 'insurer', org: 'INS-1' });
    clinic = await JourneyClient.as(platform.gatewayUrl, { role: 'clinic', org: 'P-1' });
    analyst = await JourneyClient.as(platform.gatewayUrl, { role: 'analyst', org: 'INS-1' });
  }, 240_000);
  afterAll(async () => {
    await platform?.stop();
  });

  async function submit(lines: unknown[], idempotencyKey: string): Promise<string> {
    const response = await clinic.send(
      'POST',
      '/v1/claims',
      { memberId: MEMBER, providerId: 'P-1', serviceDate: today, diagnosisCodes: [DIAGNOSIS], lines },
      { 'idempotency-key': idempotencyKey },
    );
    if (response.status !== 202) throw new Error(`POST /v1/claims → ${response.status}: ${response.text}`);
    return String(response.body.id);
  }

  async function heldFlagOf(claimId: string): Promise<string> {
    const flag = await waitFor(
      async () => {
        const { items } = (await analyst.expect(200, 'GET', '/v1/fraud/flags?status=open')) as {
          items: { id: string; claimId: string; held: boolean }[];
        };
        return items.find((item) => item.claimId === claimId && item.held);
      },
      { what: `a held flag for claim ${claimId}`, timeoutMs: 60_000 },
    );
    return flag.id;
  }

  it('finds no name, birth date or diagnosis code in the clear in any column of any service database', async () => {
    await insurer.expect(201, 'POST', '/v1/members', {
      id: MEMBER,
      name: NAME,
      birthDate: BIRTH_DATE,
      planId: 'PLAN-1',
      coverageStart: '2026-01-01',
      coverageEnd: null,
      address: devAccount(MEMBER_ACCOUNT).address,
    });
    const patient = await JourneyClient.as(platform.gatewayUrl, { role: 'patient', patient: MEMBER });
    const expiresAt = new Date(Date.now() + 90 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await patient.signed('/v1/consents', { insurerId: 'INS-1', scope: 'claims', expiresAt }, MEMBER_ACCOUNT);
    await waitFor(
      async () => {
        const { items } = (await patient.expect(200, 'GET', '/v1/consents')) as { items: { status: string }[] };
        return items.some((item) => item.status === 'active');
      },
      { what: 'the consent to be active', timeoutMs: 60_000 },
    );
    // A visit paid on chain, then the same visit again: held as a duplicate, noted, confirmed.
    const visit = [{ code: '99214', units: 1, charge: 20000 }];
    const paid = await submit(visit, 'phiscan-visit');
    await clinic.claimUntil(paid, 'paid', 180_000);
    const duplicate = await submit(visit, 'phiscan-duplicate');
    const flag = await heldFlagOf(duplicate);
    await analyst.expect(200, 'POST', `/v1/fraud/flags/${flag}/assign`, {});
    await analyst.expect(201, 'POST', `/v1/fraud/flags/${flag}/notes`, {
      note: `${NAME}, born ${BIRTH_DATE}: ${DIAGNOSIS} billed twice`,
    });
    await analyst.expect(200, 'POST', `/v1/fraud/flags/${flag}/decision`, {
      decision: 'confirm',
      note: `duplicate ${DIAGNOSIS} visit of ${NAME}`,
    });
    await clinic.claimUntil(duplicate, 'denied', 120_000);

    // The copies are there to be looked at: the events of these claims, the responses kept for their keys.
    expect(await countOf(platform.databaseUrlOf('claims'), `SELECT count(*) FROM outbox`)).toBeGreaterThan(0);
    expect(
      await countOf(
        platform.databaseUrlOf('gateway'),
        `SELECT count(*) FROM idempotency_keys WHERE key LIKE 'phiscan-%'`,
      ),
    ).toBe(2);

    const hits = (
      await Promise.all(STACK_SERVICES.map((service) => plaintextHits(platform.databaseUrlOf(service))))
    ).flat();
    const listed = hits.map((hit) => `${hit.where} (${hit.rows} rows, e.g. ${hit.sample})`).join('\n');
    expect(listed).toBe('');
  }, 600_000);
});
