import { runOpenLoop, schedule } from './open-loop.js';

describe('open-loop load', () => {
  it('spaces requests evenly at the rate asked', () => {
    expect(schedule(4, 5)).toEqual([0, 250, 500, 750, 1000]);
  });

  it('keeps sending at its rate while earlier requests are still unanswered, and counts each outcome', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const result = await runOpenLoop(200, 20, async (index) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 50));
      inFlight -= 1;
      if (index % 5 === 4) return { kind: 'shed' };
      if (index === 0) throw new Error('refused');
      return { kind: 'accepted', value: index };
    });
    // 50 ms answers at one request per 5 ms: about 10 wait at once; a closed loop of one would keep 1.
    expect(mostInFlight).toBeGreaterThan(5);
    expect(result.accepted).toHaveLength(15);
    expect(result.shed).toBe(4);
    expect(result.errors).toEqual(['refused']);
    expect(Math.min(...result.acceptedLatenciesMs)).toBeGreaterThanOrEqual(45);
  });
});
