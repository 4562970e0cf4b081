export { OpsModule } from './ops/ops.module.js';
export { OPS_SECURITY_SCHEME } from './ops/ops-access.js';
export { OPS_ROUTES, type OpsModuleOptions } from './ops/ops-options.js';
export { UNMATCHED_ROUTE, observeHttpRequests, observationOf, type HttpObservation } from './ops/http-metrics.js';
export {
  providerReadiness,
  readinessCheck,
  type ProviderLookup,
  type ReadinessCheck,
  type ReadinessProbe,
} from './ops/readiness.js';
export { activeTraceFields, createLogger, type Logger, type LoggerOptions } from './logging/create-logger.js';
export { NestPinoLogger } from './logging/nest-pino-logger.js';
export { LOG_LEVELS, readLogLevel, type LogLevel } from './logging/log-level.js';
export { PERSONAL_FIELD_NAMES, REDACTED, isPersonalField, redactPersonalData } from './logging/redact-personal-data.js';
export { currentTraceparent, formatTraceparent, responseTraceparent, traceIdOf } from './telemetry/traceparent.js';
export {
  nameSpanAfterRoute,
  traceparentOnSend,
  useHttpTracing,
  useTraceparentHeader,
  type HeaderCarrierRequest,
  type HeaderSettingReply,
  type RoutedRequest,
} from './telemetry/traceparent-header.js';
export { runningTelemetry, shutdownTelemetry, type RunningTelemetry } from './telemetry/telemetry-state.js';
export { serviceNameFrom, telemetryOptionsFrom, type TelemetryOptions } from './telemetry/telemetry-options.js';
