import { HDNodeWallet, Mnemonic } from 'ethers';
import type { Eip1193Provider } from './provider';

/**
 * DEMO ONLY: an in-page EIP-1193 provider holding a demo member's or clinic's key, derived from the public
 * development mnemonic the gateway hands out with a demo sign-in (development secret only). It answers
 * just what the portal asks: the account and EIP-712 signatures. Real patients and clinics use their own wallets.
 */
export function demoWalletProvider(key: { mnemonic: string; path: string }): {
  provider: Eip1193Provider;
  address: string;
} {
  const wallet = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(key.mnemonic), key.path);
  const provider: Eip1193Provider = {
    async request({ method, params = [] }) {
      switch (method) {
        case 'eth_requestAccounts':
        case 'eth_accounts':
          return [wallet.address];
        case 'eth_signTypedData_v4': {
          const [account, json] = params as [string, string];
          if (account.toLowerCase() !== wallet.address.toLowerCase()) throw new Error('unknown account');
          const typed = JSON.parse(json) as {
            domain: Record<string, unknown>;
            types: Record<string, { name: string; type: string }[]>;
            message: Record<string, unknown>;
          };
          // ethers derives the domain's type itself and refuses to be given it.
          const { EIP712Domain: _domain, ...types } = typed.types;
          return wallet.signTypedData(typed.domain, types, typed.message);
        }
        default:
          throw Object.assign(new Error(`the demo wallet does not support ${method}`), { code: 4200 });
      }
    },
  };
  return { provider, address: wallet.address };
}
