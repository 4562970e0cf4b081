/**
 * `npm run -s sign -- --account <index> [--body '<json>']`: signs the EIP-712 typed data read from stdin
 * (what `POST …/typed-data` returned) with development account <index> of the standard mnemonic, and
 * prints the body to submit: the given body plus `message` and `signature`. For the local walkthrough
 * only: real clinics and patients sign with their own wallets.
 */
import { devAccount, signTypedData, type TypedData } from './stack/dev-accounts.js';

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: npm run -s sign -- --account <index> [--body '<json>'] < typed-data.json\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const valueOf = (flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const account = Number(valueOf('--account'));
if (!Number.isInteger(account) || account < 0) usage('--account must be a development account index (0, 1, 2, …)');
let body: Record<string, unknown> = {};
try {
  body = JSON.parse(valueOf('--body') ?? '{}') as Record<string, unknown>;
} catch {
  usage('--body must be JSON');
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
let typed: TypedData;
try {
  typed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as TypedData;
} catch {
  usage('stdin must be the typed data JSON returned by POST …/typed-data');
}
if (!typed.domain || !typed.types || !typed.message)
  usage('stdin is not typed data: domain, types and message are needed');
const signature = await signTypedData(devAccount(account), typed);
process.stdout.write(`${JSON.stringify({ ...body, message: typed.message, signature })}\n`);
