/**
 * Loaded with `node --import dist/libs/observability/src/preload.js dist/services/<name>/src/main.js`
 * so tracing hooks are in place before Nest, Fastify or pg are loaded (instrumentation only patches
 * modules loaded after it). Imports nothing of the service and nothing of Nest.
 */
import { telemetryOptionsFrom } from './telemetry/telemetry-options.js';
import { startTelemetry } from './telemetry/start-telemetry.js';

startTelemetry(telemetryOptionsFrom(process.env, process.argv[1]));
