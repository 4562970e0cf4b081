import { HDNodeWallet, Mnemonic } from 'ethers';

/** The standard development mnemonic (DOMAIN.md, Development chain): public, for local chains only. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

/** Development account `index` of the standard mnemonic, as Hardhat's node derives it. */
export function devAccount(index: number): HDNodeWallet {
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEV_MNEMONIC), `m/44'/60'/0'/0/${index}`);
}

export interface TypedData {
  domain: Record<string, unknown>;
  types: Record<string, { name: string; type: string }[]>;
  primaryType: string;
  message: Record<string, unknown>;
}

/** Signs EIP-712 typed data as the API returns it (ethers wants the types without the domain's). */
export async function signTypedData(account: HDNodeWallet, typed: TypedData): Promise<string> {
  const types = Object.fromEntries(Object.entries(typed.types).filter(([name]) => name !== 'EIP712Domain'));
  return account.signTypedData(typed.domain, types, typed.message);
}
