import { Counter, register } from 'prom-client';

/**
 * Why a JSON-RPC call to the chain failed, in a handful of words an operator acts on differently:
 * - `unreachable`: no connection (refused, reset, name not found): the node or the network is down;
 * - `timeout`: the node took too long to answer;
 * - `http_status`: the endpoint answered with an HTTP error (a gateway in front of the node, a rate limit);
 * - `bad_response`: an answer that is not JSON-RPC (a proxy's error page);
 * - `rpc_error`: the node answered with a JSON-RPC error (a revert, a nonce already used, an unknown method);
 * - `other`: anything else.
 */
export type ChainRpcFailure = 'unreachable' | 'timeout' | 'http_status' | 'bad_response' | 'rpc_error' | 'other';

/**
 * `ledger_chain_rpc_errors_total{method,reason}`. Both labels are bounded: `reason` is one of the words above,
 * `method` a JSON-RPC method name of the chain's namespaces (what this code calls; anything else is `other`).
 */
const errorsTotal = ((): Counter<'method' | 'reason'> => {
  const name = 'ledger_chain_rpc_errors_total';
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Counter<'method' | 'reason'>;
  return new Counter({
    name,
    help: 'Failed JSON-RPC calls to the chain, by method and reason (unreachable, timeout, http_status, bad_response, rpc_error, other)',
    labelNames: ['method', 'reason'],
  });
})();

const KNOWN_METHOD = /^(eth|net|web3|evm|hardhat|debug|txpool)_[A-Za-z]{1,40}$/;

export function countChainRpcError(method: string, reason: ChainRpcFailure): void {
  errorsTotal.inc({ method: KNOWN_METHOD.test(method) ? method : 'other', reason });
}

/** Node's system error codes of a connection that could not be made or was lost. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

/**
 * The reason of a call that threw before a JSON-RPC answer was read: a Node system error, an ethers error
 * (`TIMEOUT`; `SERVER_ERROR` for an HTTP status or a body that is not JSON; `UNSUPPORTED_OPERATION` from
 * reading a body that is not JSON), or fetch's (a `TypeError` whose cause is the system error; an abort's
 * `TimeoutError`).
 */
export function transportFailure(error: unknown): ChainRpcFailure {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const code = codeOf(error) ?? codeOf(cause);
  const name = error instanceof Error ? error.name : undefined;
  if (code === 'TIMEOUT' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || name === 'TimeoutError') {
    return 'timeout';
  }
  if (code && UNREACHABLE.has(code)) return 'unreachable';
  if (code === 'SERVER_ERROR') {
    const status = (error as { response?: { statusCode?: unknown } }).response?.statusCode;
    return typeof status === 'number' && (status < 200 || status >= 300) ? 'http_status' : 'bad_response';
  }
  if (code === 'UNSUPPORTED_OPERATION' || error instanceof SyntaxError) return 'bad_response';
  return 'other';
}

function codeOf(value: unknown): string | undefined {
  const code = (value as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
