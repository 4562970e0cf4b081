/**
 * `npm run scale:check [-- --claims N --rate R --replicas N --keep]`: the scale check of issue 14 on a
 * platform of its own (private PostgreSQL, a 3-node NATS JetStream cluster, the embedded chain, every
 * service at N instances). Prints the report, writes it as JSON (.stack/scale-report.json) and exits 1
 * when a check failed, 2 when the check could not run.
 */
import { runProgram } from '../platform/run-program.js';
import { runScaleCheck } from './scale-check.js';
import { parseScaleOptions, SCALE_USAGE } from './scale-options.js';
import { formatScaleReport } from './scale-report.js';

runProgram({
  tag: 'scale',
  what: 'The scale check',
  usage: SCALE_USAGE,
  parse: parseScaleOptions,
  run: runScaleCheck,
  json: (result) => `${JSON.stringify(result, null, 2)}\n`,
  format: formatScaleReport,
});
