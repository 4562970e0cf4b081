import { STREAMS } from '#libs/contracts';
import {
  DUPLICATE_WINDOW_MS,
  ensureConsumer,
  pruneMessagingTables,
  provisionStreams,
  resolveConsumerSettings,
  SERVER_DELIVERY_HEADROOM,
} from '#libs/messaging';
import { nanos } from '@nats-io/transport-node';
import { openMessagingTestBed, type MessagingTestBed } from './support/messaging-test-bed.js';
import { PROBE_SUBJECT } from './support/probe.js';

describe('provisioning and housekeeping', () => {
  let bed: MessagingTestBed;

  beforeAll(async () => {
    bed = await openMessagingTestBed('prov');
  });
  afterAll(async () => {
    await bed.close();
  });

  it('provisions every stream under the namespace, and can do it again', async () => {
    await provisionStreams(bed.natsUrl, bed.namespace);
    await provisionStreams(bed.nc, bed.namespace.prefix);
    for (const stream of STREAMS) {
      const info = await bed.jsm.streams.info(bed.namespace.stream(stream.name));
      expect(info.config.subjects).toEqual(stream.subjects.map((subject) => bed.namespace.subject(subject)));
      expect(info.config.storage).toBe('file');
      expect(info.config.duplicate_window).toBe(nanos(DUPLICATE_WINDOW_MS));
    }
  });

  it('creates a durable consumer once and updates its delivery settings in place', async () => {
    const first = resolveConsumerSettings({ ackWaitMs: 5000, maxDeliver: 4 });
    const names = await ensureConsumer(bed.jsm, bed.namespace, 'prov', PROBE_SUBJECT, first);
    expect(names).toEqual({ stream: bed.namespace.stream('CLAIMS'), durable: 'prov__claims_probe_recorded_v1' });
    await ensureConsumer(bed.jsm, bed.namespace, 'prov', PROBE_SUBJECT, first);

    await ensureConsumer(bed.jsm, bed.namespace, 'prov', PROBE_SUBJECT, resolveConsumerSettings({ ackWaitMs: 9000 }));
    const info = await bed.jsm.consumers.info(names.stream, names.durable);
    expect(info.config.ack_wait).toBe(nanos(9000));
    expect(info.config.max_deliver).toBe(5 + SERVER_DELIVERY_HEADROOM);
    expect(info.config.filter_subject).toBe(bed.namespace.subject(PROBE_SUBJECT));
    expect(info.config.ack_policy).toBe('explicit');
  });

  it('prunes published outbox rows and inbox rows past their retention, and nothing else', async () => {
    await bed.dataSource.query(
      `INSERT INTO outbox (id, subject, envelope, published_at) VALUES
         (gen_random_uuid(), 'x', '{}', now() - interval '2 days'),
         (gen_random_uuid(), 'x', '{}', now()),
         (gen_random_uuid(), 'x', '{}', NULL)`,
    );
    await bed.dataSource.query(
      `INSERT INTO inbox (consumer, message_id, processed_at) VALUES
         ('c', gen_random_uuid(), now() - interval '10 days'), ('c', gen_random_uuid(), now())`,
    );
    await bed.dataSource.query(`UPDATE outbox SET created_at = now() - interval '3 days'`);

    expect(await pruneMessagingTables(bed.dataSource)).toEqual({ outbox: 1, inbox: 1 });
    const left: { published: boolean }[] = await bed.dataSource.query(
      `SELECT published_at IS NOT NULL AS published FROM outbox ORDER BY seq`,
    );
    expect(left).toEqual([{ published: true }, { published: false }]);
  });
});
