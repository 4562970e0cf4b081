import type { JsMsg } from '@nats-io/jetstream';
import type { Envelope } from '#libs/contracts';
import { handlingOrder, type ValidDelivery } from './inbox-transaction.js';

const delivery = (claimId: string, id: string): ValidDelivery => ({
  msg: {} as JsMsg,
  envelope: { id, data: { claimId } } as unknown as Envelope,
});
const byClaim = (event: Envelope) => (event.data as { claimId: string }).claimId;

describe('the order a batch is handled in', () => {
  it('is the delivery order without a lock key', () => {
    expect(handlingOrder([delivery('c', '1'), delivery('a', '2'), delivery('b', '3')])).toEqual([0, 1, 2]);
  });

  it('follows the lock key, so two batches lock shared rows in the same order', () => {
    const first = [delivery('c', '1'), delivery('a', '2'), delivery('b', '3')];
    const second = [delivery('b', '4'), delivery('c', '5'), delivery('a', '6')];
    const keysInOrder = (batch: ValidDelivery[]) =>
      handlingOrder(batch, byClaim).map((index) => byClaim(batch[index].envelope));
    expect(keysInOrder(first)).toEqual(['a', 'b', 'c']);
    expect(keysInOrder(second)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the delivery order of events with the same key', () => {
    const batch = [delivery('b', '1'), delivery('a', '2'), delivery('b', '3'), delivery('a', '4')];
    expect(handlingOrder(batch, byClaim)).toEqual([1, 3, 0, 2]);
  });
});
