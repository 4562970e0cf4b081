import { api, data } from '../../api/client';
import { formatTokenAmount } from '../../ui/money';
import { useAsync } from '../../ui/use-async';

/** How often the insurer's figures are read again: a claim goes from received to paid in seconds. */
export const INSURER_POLL_MS = 3000;

/** The settlement token as the chain describes it (symbol and decimals), read once per page. */
export function useToken() {
  const contracts = useAsync(() => data(api.GET('/v1/ledger/contracts')), 'ledger-contracts');
  const token = contracts.data?.token;
  return {
    error: contracts.error,
    /** Base units in the token with its decimals, e.g. "1,000,000.00 HCET"; undefined until the token is known. */
    format: (baseUnits: string, symbol?: string) =>
      token ? formatTokenAmount(baseUnits, token.decimals, symbol || token.symbol) : undefined,
  };
}

/** The payouts' transactions, linked to the block explorer when one is configured (ui/tx-hash.tsx). */
export { TxHash } from '../../ui/tx-hash';
