import { JsonRpcProvider, type JsonRpcError, type JsonRpcPayload, type JsonRpcResult } from 'ethers';
import { countChainRpcError, transportFailure } from '../metrics/chain-rpc-errors.js';

/**
 * A JSON-RPC provider that counts its failed calls (`ledger_chain_rpc_errors_total`). It overrides `_send`,
 * the one primitive ethers 6 sends every payload through (detection, calls, polling), so nothing escapes the
 * count: a payload that could not be delivered or answered counts once per call in it, and each JSON-RPC
 * error among the answers counts for its own call. Callers see exactly what ethers gives them.
 */
export class CountedJsonRpcProvider extends JsonRpcProvider {
  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    const calls = Array.isArray(payload) ? payload : [payload];
    let answers: (JsonRpcResult | JsonRpcError)[];
    try {
      answers = await super._send(payload);
    } catch (error) {
      // A destroyed provider cancels what it still had queued: that is the bridge stopping, not the chain.
      if (!this.destroyed) for (const call of calls) countChainRpcError(call.method, transportFailure(error));
      throw error;
    }
    for (const answer of answers) {
      if (!('error' in answer)) continue;
      const call = calls.find((candidate) => candidate.id === answer.id);
      countChainRpcError(call?.method ?? 'other', 'rpc_error');
    }
    // ethers declares JsonRpcResult[] here yet reads JSON-RPC errors out of the same array (provider-jsonrpc).
    return answers as JsonRpcResult[];
  }
}
