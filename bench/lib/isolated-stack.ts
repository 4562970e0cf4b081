import { DEV_JWT_SECRET } from '#libs/auth';
import { deleteStreams, provisionStreams } from '#libs/messaging';
import { dropDatabase } from '#libs/persistence';
import {
  freePort,
  startService,
  TEST_NATS_URL,
  testDatabaseUrl,
  testNamespace,
  type ServiceProcess,
  UNTHROTTLED,
} from '#libs/testing';

/**
 * A stack of its own for one scenario: a fresh bus namespace and fresh databases on the shared
 * PostgreSQL and NATS, so a bench neither sees nor disturbs a running `npm start` (or the tests).
 */
export interface IsolatedStack {
  namespace: string;
  jwtSecret: string;
  services: Record<string, ServiceProcess>;
  url: (service: string) => string;
  /** The service's own database, for figures the API does not show (e.g. outbox timings). */
  databaseUrl: (service: string) => string;
  /** Stops the services, drops their databases and deletes the namespace's streams. */
  stop: () => Promise<void>;
}

export async function startIsolatedStack(
  names: string[],
  extraEnv: Record<string, string> = {},
): Promise<IsolatedStack> {
  const namespace = testNamespace('bench');
  const jwtSecret = DEV_JWT_SECRET;
  const services: Record<string, ServiceProcess> = {};
  const databases = names.map((name) => testDatabaseUrl(name, namespace));
  let cancelled = false;
  const stop = async () => {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await Promise.all(databases.map((url) => dropDatabase(url)));
    await deleteStreams(TEST_NATS_URL, namespace);
  };
  const startAll = async () => {
    await provisionStreams(TEST_NATS_URL, namespace);
    // In order: a later service (the gateway) may need an earlier one to answer.
    for (const name of names) {
      if (cancelled) return;
      const env = {
        DATABASE_URL: testDatabaseUrl(name, namespace),
        NATS_URL: TEST_NATS_URL,
        BUS_NAMESPACE: namespace,
        AUTH_JWT_SECRET: jwtSecret,
        OTEL_SERVICE_NAME: name,
        LOG_LEVEL: 'warn',
        // The load comes from one address: count as a gateway would, but never throttle the benchmark.
        ...UNTHROTTLED,
        ...extraEnv,
      };
      services[name] = await startService(name, env, { port: await freePort() });
    }
  };
  const starting = startAll();
  // Ctrl-C during a run still stops every process and drops the databases and streams it made; a
  // service still starting is let finish first, so that it is not left behind.
  const interrupted = () => {
    cancelled = true;
    void starting
      .catch(() => undefined)
      .then(stop)
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    await starting;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    namespace,
    jwtSecret,
    services,
    databaseUrl: (service) => testDatabaseUrl(service, namespace),
    url: (service) => {
      const found = services[service];
      if (!found) throw new Error(`${service} is not part of this stack`);
      return found.url;
    },
    stop,
  };
}
