import { api, data } from '../../api/client';
import type { Session } from '../../auth/session';
import type { Wallet } from '../../wallet/eip1193';
import { clinicOf } from './clinic-org';

/**
 * DEMO ONLY. The standard development mnemonic (DOMAIN.md, Development chain), public and worthless off a
 * local chain; `npm start` registers the demo clinics' payee and signer addresses from it (P-1 is account 3,
 * P-2 account 4, as scripts/stack/demo-seed.ts). The gateway's demo sign-in hands out a wallet key for
 * patients only, so the clinic's is derived here, and only while the gateway says the development sign-in is
 * on (GET /portal/config): with OpenID Connect a clinic signs with its own browser wallet.
 */
const DEV_WALLET_MNEMONIC = 'test test test test test test test test test test test junk';
const DEMO_CLINIC_WALLET_ACCOUNTS: Readonly<Record<string, number>> = { 'P-1': 3, 'P-2': 4 };

/** The clinic's wallet: the browser's if there is one; in development, the demo clinic's; none otherwise. */
export async function findClinicWallet(session: Session): Promise<Wallet | undefined> {
  if (window.ethereum) return { provider: window.ethereum, description: 'your browser wallet', demo: false };
  const config = await data(api.GET('/portal/config'));
  const clinic = clinicOf(session);
  const account = DEMO_CLINIC_WALLET_ACCOUNTS[clinic];
  if (config.signIn !== 'development' || account === undefined) return undefined;
  const { demoWalletProvider } = await import('../../wallet/demo-wallet');
  const { provider, address } = demoWalletProvider({
    mnemonic: DEV_WALLET_MNEMONIC,
    path: `m/44'/60'/0'/0/${account}`,
  });
  return {
    provider,
    description: `the demo wallet (the public development key of clinic ${clinic}, ${address}): for the demo only`,
    demo: true,
  };
}
