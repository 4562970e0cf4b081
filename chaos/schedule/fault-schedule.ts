import { CATCH_UP_ROTATION, footprintMs, SERVICES, type Fault, type ServiceName } from './fault.js';
import { seededRandom, type Random } from './random.js';

export interface ScheduleRequest {
  seed: string;
  /** The load's length: every fault starts within it. */
  durationMs: number;
  /** Faults in all, catch-ups and long outages included. */
  faults: number;
  /**
   * Every catch-up takes this service down, instead of the rotation billing → ledger-bridge → claims
   * (started at a point chosen by the seed).
   */
  catchUpService?: ServiceName;
}

export interface PlannedFault {
  /** 1-based, in order of time. */
  number: number;
  /** When it is due, from the start of the load. */
  atMs: number;
  fault: Fault;
  /** A long outage (20–40 s) rather than a short one. */
  long: boolean;
}

/** The catch-up scenario's outages (issue 11): the service 20 s, then PostgreSQL 25 s. */
export const CATCH_UP_SERVICE_DOWN_MS = 20_000;
export const CATCH_UP_POSTGRES_DOWN_MS = 25_000;
const LONG_OUTAGE_MS = { min: 20_000, max: 40_000 };
/** The first fault waits for the load to be under way. */
const MAX_WARMUP_MS = 15_000;

/**
 * How many faults of each sort: about one catch-up per 30 faults (at least one once there are any)
 * and one long outage per 10; the rest are short, 60 % service kills, 20 % NATS, 20 % PostgreSQL.
 */
export function faultMix(faults: number) {
  const catchUps = faults === 0 ? 0 : Math.max(1, Math.floor(faults / 30));
  const longOutages = Math.min(faults - catchUps, faults >= 3 ? Math.max(1, Math.round(faults / 10)) : 0);
  const short = faults - catchUps - longOutages;
  const serviceKills = Math.round(short * 0.6);
  const natsKills = Math.round(short * 0.2);
  return { catchUps, longOutages, serviceKills, natsKills, postgresStops: short - serviceKills - natsKills };
}

/**
 * The campaign's faults, reproducible from the seed: which, in what order, how long each outage, and
 * when each is due. Faults never overlap: each gets its footprint (outage plus time to heal) and the
 * slack left in the load's duration is spread over random gaps between them. Throws, naming what to
 * change, when the faults cannot fit in the duration.
 */
export function planFaults(request: ScheduleRequest): PlannedFault[] {
  if (!Number.isInteger(request.faults) || request.faults < 0) throw new Error('faults must be an integer ≥ 0');
  const random = seededRandom(request.seed);
  const faults = random.shuffle(chooseFaults(request, random));
  // Catch-ups follow their rotation in time order, whatever the shuffle did; where the rotation starts
  // comes from the seed, so that short runs with one catch-up each cover all three services over time.
  const catchUpCount = faults.filter((entry) => entry.fault.kind === 'catch-up').length;
  const catchUpOrder = catchUpServices(catchUpCount, random.int(0, CATCH_UP_ROTATION.length - 1), request);
  for (const entry of faults) {
    if (entry.fault.kind === 'catch-up') entry.fault = { ...entry.fault, service: catchUpOrder.shift()! };
  }
  const warmupMs = Math.min(MAX_WARMUP_MS, request.durationMs / 10);
  const busyMs = faults.reduce((sum, entry) => sum + footprintMs(entry.fault), 0);
  const slackMs = request.durationMs - warmupMs - busyMs;
  if (slackMs < 0) {
    throw new Error(
      `${request.faults} faults need about ${Math.ceil((warmupMs + busyMs) / 1000)} s of load, but the load lasts ` +
        `${Math.round(request.durationMs / 1000)} s: give a longer --duration, a lower --rate, more --claims or fewer --faults`,
    );
  }
  // One gap before each fault and one after the last; weights never near 0, so no two are back to back.
  const weights = Array.from({ length: faults.length + 1 }, () => 0.25 + random.next());
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  let at = warmupMs;
  return faults.map((entry, index) => {
    at += (slackMs * weights[index]) / totalWeight;
    const planned = { number: index + 1, atMs: Math.round(at), fault: entry.fault, long: entry.long };
    at += footprintMs(entry.fault);
    return planned;
  });
}

function chooseFaults(request: ScheduleRequest, random: Random): { fault: Fault; long: boolean }[] {
  const mix = faultMix(request.faults);
  const chosen: { fault: Fault; long: boolean }[] = [];
  for (let n = 0; n < mix.catchUps; n += 1) {
    const fault: Fault = {
      kind: 'catch-up',
      service: CATCH_UP_ROTATION[0],
      serviceDownMs: CATCH_UP_SERVICE_DOWN_MS,
      postgresDownMs: CATCH_UP_POSTGRES_DOWN_MS,
    };
    chosen.push({ fault, long: true });
  }
  for (let n = 0; n < mix.longOutages; n += 1) {
    const downMs = random.int(LONG_OUTAGE_MS.min, LONG_OUTAGE_MS.max);
    const fault: Fault = random.pick<Fault>([
      { kind: 'kill-nats', downMs },
      { kind: 'stop-postgres', downMs },
      { kind: 'kill-service', service: random.pick(SERVICES), downMs },
    ]);
    chosen.push({ fault, long: true });
  }
  // Every service is killed about as often as the others: draw from shuffled bags of all six.
  let bag: ServiceName[] = [];
  for (let n = 0; n < mix.serviceKills; n += 1) {
    if (bag.length === 0) bag = random.shuffle(SERVICES);
    chosen.push({ fault: { kind: 'kill-service', service: bag.pop()!, downMs: 0 }, long: false });
  }
  for (let n = 0; n < mix.natsKills; n += 1) {
    chosen.push({ fault: { kind: 'kill-nats', downMs: random.int(500, 5_000) }, long: false });
  }
  for (let n = 0; n < mix.postgresStops; n += 1) {
    chosen.push({ fault: { kind: 'stop-postgres', downMs: random.int(1_000, 8_000) }, long: false });
  }
  return chosen;
}

function catchUpServices(count: number, first: number, request: ScheduleRequest): ServiceName[] {
  return Array.from(
    { length: count },
    (_, n) => request.catchUpService ?? CATCH_UP_ROTATION[(first + n) % CATCH_UP_ROTATION.length],
  );
}
