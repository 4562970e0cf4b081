import { useEffect, useState } from 'react';
import { api, data } from '../api/client';
import { explorerTxLink } from './explorer-link';

let template: Promise<string | undefined> | undefined;

/** The explorer template of /portal/config, read once per page load (a failure: no links, text instead). */
function explorerTemplate(): Promise<string | undefined> {
  template ??= data(api.GET('/portal/config')).then(
    (config) => config.explorerTxUrl,
    () => {
      template = undefined;
      return undefined;
    },
  );
  return template;
}

/**
 * A transaction: a link to the block explorer's page of it when the gateway names one
 * (`PORTAL_EXPLORER_TX_URL`), else the hash as text (the embedded development chain has no explorer).
 * The link opens a new tab and tells the explorer nothing of this page (noopener, noreferrer).
 */
export function TxHash({ hash }: { hash: string }) {
  const [href, setHref] = useState<string | undefined>();
  useEffect(() => {
    let current = true;
    void explorerTemplate().then((found) => current && setHref(explorerTxLink(found, hash)));
    return () => {
      current = false;
    };
  }, [hash]);
  const text = <code className="hash">{hash}</code>;
  if (!href) return text;
  return (
    <a href={href} rel="noopener noreferrer" target="_blank">
      {text}
      <span className="visually-hidden"> (opens the block explorer in a new tab)</span>
    </a>
  );
}
