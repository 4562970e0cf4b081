import { LocalKeyManagement, PhiCipher, PhiKeyring, readPhiConfig } from '#libs/phi';
import type { DataSource } from 'typeorm';

/**
 * A `PhiCipher` on `dataSource` (migrated with `phiMigrations`) under the development master key, as a
 * service started without `PHI_MASTER_KEYS` has: for tests that write or read sealed values themselves.
 */
export async function openTestCipher(dataSource: DataSource): Promise<PhiCipher> {
  const { masterKeys, activeMasterKeyId } = readPhiConfig({});
  return new PhiCipher(await PhiKeyring.open(dataSource, new LocalKeyManagement(masterKeys, activeMasterKeyId)));
}
