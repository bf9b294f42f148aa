import { useEffect, useState } from 'react';
import { getIntegrity, getVerification, startVerification } from '../api/audit.client';
import type { IntegrityView, VerificationRun } from '../api/audit.contract';
import { useResource } from '../app/use-resource.hook';
import { ErrorMessage, Loading, PageHeading } from '../components/feedback';
import { useI18n } from '../i18n/i18n.context';

const POLL_MS = 500;

export function IntegrityPage() {
  const { t } = useI18n();
  const integrity = useResource('integrity', (signal) => getIntegrity(signal));
  return (
    <>
      <PageHeading title={t.audit.integrity.title} />
      <p className="lead-text">{t.audit.integrity.intro}</p>
      {integrity.error !== undefined && (
        <ErrorMessage error={integrity.error} onRetry={integrity.reload} />
      )}
      {!integrity.data && integrity.loading && <Loading />}
      {integrity.data && <SealPanel seal={integrity.data.seal} />}
      <Verification />
    </>
  );
}

function SealPanel({ seal }: { seal: IntegrityView['seal'] }) {
  const { t, dateTime, number } = useI18n();
  const text = t.audit.integrity;
  return (
    <section className="panel" aria-labelledby="seal-title">
      <h2 id="seal-title">{text.seal}</h2>
      {!seal && <p>{text.noSeal}</p>}
      {seal && (
        <dl className="facts">
          <div>
            <dt>{text.sealId}</dt>
            <dd>{seal.id}</dd>
          </div>
          <div>
            <dt>{text.sealedAt}</dt>
            <dd>
              <time dateTime={seal.createdAt}>{dateTime(seal.createdAt)}</time>
            </dd>
          </div>
          <div>
            <dt>{text.events}</dt>
            <dd>{number(seal.treeSize)}</dd>
          </div>
          <div>
            <dt>{text.key}</dt>
            <dd className="cell-code">{seal.keyId}</dd>
          </div>
          <div className="facts__wide">
            <dt>{text.root}</dt>
            <dd className="cell-code break-all">{seal.merkleRoot}</dd>
          </div>
          <div className="facts__wide">
            <dt>{text.signature}</dt>
            <dd className="cell-code break-all">{seal.signature}</dd>
          </div>
          {seal.publicKey && (
            <div className="facts__wide">
              <dt>{text.publicKey}</dt>
              <dd>
                <pre className="cell-code">{seal.publicKey}</pre>
              </dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}

function Verification() {
  const { t, percent } = useI18n();
  const text = t.audit.integrity;
  const [run, setRun] = useState<VerificationRun>();
  const [error, setError] = useState<unknown>();

  // Polls the run until it is done; a new run or leaving the page stops the old poll.
  useEffect(() => {
    if (run?.state !== 'running') return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      getVerification(run.id, controller.signal).then(setRun, (failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      });
    }, POLL_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [run]);

  const start = () => {
    setError(undefined);
    startVerification().then(setRun, setError);
  };
  const share = run && run.total > 0 ? run.done / run.total : 0;
  return (
    <section className="panel" aria-labelledby="verify-title">
      <h2 id="verify-title">{text.verify}</h2>
      <button type="button" className="button" disabled={run?.state === 'running'} onClick={start}>
        {text.start}
      </button>
      {run?.state === 'running' && (
        <p className="verify-progress">
          <label htmlFor="verify-progress">
            {text.running(percent(share))}
            {run.phase && ` (${text.phases[run.phase]})`}
          </label>
          <progress id="verify-progress" max={run.total || 1} value={run.done} />
        </p>
      )}
      <div role="status">
        {run?.state === 'intact' && run.report && (
          <p className="alert alert--info">
            {text.intact(
              run.report.events,
              run.report.streams,
              run.report.seals,
              run.report.accessLogEntries,
            )}
          </p>
        )}
      </div>
      {run?.state === 'broken' && run.broken && (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{text.broken}</p>
          <p>
            {text.brokenAt} <span className="cell-code">{run.broken.description}</span>
          </p>
        </div>
      )}
      {run?.state === 'failed' && (
        <div className="alert alert--error" role="alert">
          <p>{text.failed}</p>
        </div>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
    </section>
  );
}
