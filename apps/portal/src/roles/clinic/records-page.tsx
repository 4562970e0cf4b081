import { useState, type ChangeEvent, type FormEvent } from 'react';
import { api, data } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorBanner } from '../../ui/error-banner';
import { Field, FormProblem, useApiForm } from '../../ui/form';
import { PageTitle } from '../../ui/shell';
import { StatusBadge } from '../../ui/status-badge';
import { useAsync } from '../../ui/use-async';
import { findWallet, signTypedData } from '../../wallet/eip1193';
import { TxHash } from '../../ui/tx-hash';

const RECORD_POLL_MS = 3000;

/** SHA-256 of a file's bytes as 64 lower-case hex digits, computed in the browser (the file never leaves it). */
async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Anchoring a medical record: the clinic picks the file, the browser computes its SHA-256, the API
 * prepares the EIP-712 anchor, the clinic's wallet signs it and the platform relays it on chain. Only the
 * hash and the ids go to the API; the file is read in the browser and never uploaded.
 */
export function RecordsPage() {
  const session = useSession();
  const wallet = useAsync(() => (session ? findWallet(session) : Promise.resolve(undefined)), session?.token ?? '');
  const form = useApiForm();
  const [recordId, setRecordId] = useState('');
  const [memberId, setMemberId] = useState('');
  const [file, setFile] = useState<{ name: string; size: number; sha256: string } | undefined>();
  const [hashing, setHashing] = useState(false);
  const [anchored, setAnchored] = useState<string | undefined>();

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setFile(undefined);
    if (!chosen) return;
    setHashing(true);
    try {
      setFile({ name: chosen.name, size: chosen.size, sha256: await sha256Hex(chosen) });
    } finally {
      setHashing(false);
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wallet.data) return;
    const provider = wallet.data.provider;
    // Without a file the hash is empty: the API says so under the file chooser (field sha256).
    const body = { recordId, memberId, sha256: file?.sha256 ?? '' };
    setAnchored(undefined);
    const ok = await form.submit(async () => {
      const typed = await data(api.POST('/v1/records/typed-data', { body }));
      const signature = await signTypedData(provider, typed);
      await data(api.POST('/v1/records', { body: { ...body, message: typed.message, signature } }));
    });
    if (ok) setAnchored(recordId);
  };

  return (
    <>
      <PageTitle>Records</PageTitle>
      <p className="lead">
        Anchor a medical record on chain so that claims can cite it: choose the file, and its SHA-256 fingerprint is
        computed in this browser and signed with the clinic’s key. The file itself is never uploaded.
      </p>
      {wallet.data ? (
        <p className={wallet.data.demo ? 'banner banner-demo' : 'banner'}>Signing with {wallet.data.description}.</p>
      ) : wallet.loading ? null : (
        <p className="banner">No wallet found: install a browser wallet to sign record anchors.</p>
      )}
      <ErrorBanner error={wallet.error} what="find a wallet" />
      <section className="card" aria-labelledby="anchor-heading">
        <h2 id="anchor-heading">Anchor a record</h2>
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <FormProblem form={form} what="anchor the record" />
          <Field form={form} name="recordId" label="Record id" hint="The clinic’s own id for it, e.g. REC-2026-0001">
            <input value={recordId} onChange={(event) => setRecordId(event.target.value)} autoComplete="off" />
          </Field>
          <Field form={form} name="memberId" label="Member" hint="Whose record it is, e.g. M-1">
            <input value={memberId} onChange={(event) => setMemberId(event.target.value)} autoComplete="off" />
          </Field>
          <Field form={form} name="sha256" label="Record file" hint="Read here to compute its SHA-256; not uploaded">
            <input type="file" onChange={(event) => void onFile(event)} />
          </Field>
          {hashing ? <p role="status">Computing the SHA-256…</p> : null}
          {file ? (
            <p className="file-hash" role="status">
              SHA-256 of {file.name} ({file.size.toLocaleString('en-US')} bytes):{' '}
              <code className="hash" data-sha256={file.sha256}>
                {file.sha256}
              </code>
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={!wallet.data || form.pending || hashing}>
            {form.pending ? 'Signing…' : 'Sign and anchor'}
          </button>
        </form>
      </section>
      {anchored ? <AnchoredRecord recordId={anchored} /> : null}
    </>
  );
}

/** The anchor as the API reports it, read until it is on chain. */
function AnchoredRecord({ recordId }: { recordId: string }) {
  const record = useAsync(
    () => data(api.GET('/v1/records/{recordId}', { params: { path: { recordId } } })),
    recordId,
    RECORD_POLL_MS,
  );
  return (
    <section className="card" aria-labelledby="anchored-heading" data-record-id={recordId}>
      <h2 id="anchored-heading">Record {recordId}</h2>
      <ErrorBanner error={record.error} what="read the anchor" />
      {record.data ? (
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={record.data.status} />
            </dd>
          </div>
          <div>
            <dt>Member</dt>
            <dd>{record.data.memberId}</dd>
          </div>
          <div>
            <dt>SHA-256</dt>
            <dd>
              <code className="hash">{record.data.sha256}</code>
            </dd>
          </div>
          <div>
            <dt>Transaction</dt>
            <dd>{record.data.txHash ? <TxHash hash={record.data.txHash} /> : 'Not sent yet'}</dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}
