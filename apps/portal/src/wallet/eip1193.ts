import type { Session } from '../auth/session';
import type { Eip1193Provider } from './provider';

export type { Eip1193Provider };

/** EIP-712 typed data as the API's `…/typed-data` endpoints return it. */
export interface TypedData {
  domain: Record<string, unknown>;
  types: Record<string, unknown>;
  primaryType: string;
  message: Record<string, unknown>;
}

export interface Wallet {
  provider: Eip1193Provider;
  /** "Your browser wallet" or the demo's warning. */
  description: string;
  demo: boolean;
}

declare global {
  interface Window {
    ethereum?: Eip1193Provider;
  }
}

/**
 * The signer's wallet (a patient's or a clinic's): the browser's (window.ethereum) if there is one,
 * otherwise, in development, the demo wallet holding the development key the demo sign-in handed out for
 * that member or clinic; none otherwise. The app holds no key of its own.
 */
export async function findWallet(session: Session): Promise<Wallet | undefined> {
  if (window.ethereum) return { provider: window.ethereum, description: 'your browser wallet', demo: false };
  if (!session.demoWallet) return undefined;
  // Loaded only when used: ethers stays out of the main bundle.
  const { demoWalletProvider } = await import('./demo-wallet');
  const { provider, address } = demoWalletProvider(session.demoWallet);
  return {
    provider,
    description: `the demo wallet (the public development key of ${session.label}, ${address}): for the demo only`,
    demo: true,
  };
}

const DOMAIN_FIELDS: [string, string][] = [
  ['name', 'string'],
  ['version', 'string'],
  ['chainId', 'uint256'],
  ['verifyingContract', 'address'],
  ['salt', 'bytes32'],
];

/**
 * Signs typed data with `eth_signTypedData_v4` as the account the wallet offers. Wallets expect the
 * domain's type among the types; the API leaves it out, so it is added from the domain's fields.
 */
export async function signTypedData(provider: Eip1193Provider, typed: TypedData): Promise<string> {
  const accounts = (await provider.request({ method: 'eth_requestAccounts' })) as string[];
  const account = accounts[0];
  if (!account) throw new Error('the wallet offered no account');
  const types = {
    EIP712Domain: DOMAIN_FIELDS.filter(([name]) => name in typed.domain).map(([name, type]) => ({ name, type })),
    ...typed.types,
  };
  const payload = JSON.stringify({ ...typed, types });
  return (await provider.request({ method: 'eth_signTypedData_v4', params: [account, payload] })) as string;
}
