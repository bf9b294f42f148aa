import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import {
  approveErasure,
  getErasurePlan,
  getErasureRequests,
  requestErasure,
} from '../api/audit.client';
import type { ErasurePlan, ErasureRequestView } from '../api/audit.contract';
import type { SessionView } from '../api/contract';
import { useResource } from '../app/use-resource.hook';
import { ClientField } from '../components/client.field';
import { ErrorMessage, Loading, PageHeading } from '../components/feedback';
import { FormField } from '../components/form.field';
import { useI18n } from '../i18n/i18n.context';

/** Erasure with four eyes: ask (after a dry run) here, approve another auditor's request below. */
export function ErasurePage({ session }: { session: SessionView }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  // The list stays while it reloads after a decision, so the decision's outcome stays on screen.
  const requests = useResource(
    `erasure-requests:${version}`,
    (signal) => getErasureRequests(signal),
    { keepPrevious: true },
  );
  return (
    <>
      <PageHeading title={t.audit.erasure.title} />
      <p className="lead-text">{t.audit.erasure.intro}</p>
      <AskForErasure onAsked={() => setVersion((n) => n + 1)} />
      <section className="panel" aria-labelledby="open-requests">
        <h2 id="open-requests">{t.audit.erasure.open}</h2>
        {requests.error !== undefined && (
          <ErrorMessage error={requests.error} onRetry={requests.reload} />
        )}
        {!requests.data && requests.loading && <Loading />}
        {requests.data && (
          <OpenRequests
            requests={requests.data}
            user={session.user}
            onDecided={() => setVersion((n) => n + 1)}
          />
        )}
      </section>
    </>
  );
}

function AskForErasure({ onAsked }: { onAsked: () => void }) {
  const { t } = useI18n();
  const text = t.audit.erasure;
  const id = useId();
  const [client, setClient] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [plan, setPlan] = useState<ErasurePlan>();
  const [asked, setAsked] = useState(false);
  const [error, setError] = useState<unknown>();

  const act = async (what: 'plan' | 'ask') => {
    const complete = client.trim() !== '' && (what === 'plan' || reason.trim() !== '');
    setMissing(!complete);
    setError(undefined);
    setAsked(false);
    if (!complete) return;
    try {
      if (what === 'plan') {
        setPlan(await getErasurePlan(client.trim()));
      } else {
        setPlan((await requestErasure(client.trim(), reason.trim())).plan);
        setAsked(true);
        onAsked();
      }
    } catch (failure) {
      setError(failure);
    }
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void act('ask');
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{text.ask}</h2>
      <form onSubmit={submit} noValidate>
        {missing && (
          <p className="field__error" role="alert">
            {text.missing}
          </p>
        )}
        <ClientField label={text.client} value={client} onChange={setClient} inline={false} />
        <FormField id={`${id}-reason`} label={text.reason} hint={text.reasonHint}>
          {(control) => (
            <input
              {...control}
              type="text"
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </FormField>
        <div className="pagination">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void act('plan')}
          >
            {text.dryRun}
          </button>
          <button type="submit" className="button">
            {text.submit}
          </button>
        </div>
      </form>
      <div role="status">{asked && <p className="alert alert--info">{text.requested}</p>}</div>
      {error !== undefined && <ErrorMessage error={error} />}
      {plan && <PlanView plan={plan} />}
    </section>
  );
}

function PlanView({ plan }: { plan: ErasurePlan }) {
  const { t } = useI18n();
  const text = t.audit.erasure;
  return (
    <div className="erasure-plan">
      <h3>{text.plan}</h3>
      <ul>
        <li>{text.dataKey[plan.dataKey]}</li>
        {plan.bsnHash && <li>{text.bsnHash}</li>}
      </ul>
      {plan.sealed.length > 0 && (
        <>
          <p>{text.sealed(plan.sealed.length)}</p>
          <ul>
            {plan.sealed.map((event) => (
              <li key={event.position} className="cell-code">
                {text.fields(event.type, event.fields.join(', '))}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function OpenRequests({
  requests,
  user,
  onDecided,
}: {
  requests: ErasureRequestView[];
  user: string;
  onDecided: () => void;
}) {
  const { t, dateTime } = useI18n();
  const text = t.audit.erasure;
  const [outcome, setOutcome] = useState<{ position?: number; error?: unknown }>({});
  const approve = async (id: string) => {
    try {
      const approved = await approveErasure(id);
      setOutcome({ position: approved.erasedPosition ?? undefined });
      onDecided();
    } catch (error) {
      setOutcome({ error });
    }
  };
  return (
    <>
      <div role="status">
        {outcome.position !== undefined && (
          <p className="alert alert--info">{text.approved(outcome.position)}</p>
        )}
      </div>
      {outcome.error !== undefined && <ErrorMessage error={outcome.error} />}
      {requests.length === 0 ? (
        <p>{text.none}</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--compact">
            <caption className="table__caption">{text.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{text.client}</th>
                <th scope="col">{text.reason}</th>
                <th scope="col">{text.requestedBy}</th>
                <th scope="col">{text.when}</th>
                <th scope="col">
                  <span className="visually-hidden">{text.approve}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id}>
                  <td className="cell-code">{request.clientId}</td>
                  <td>{request.reason}</td>
                  <td>{request.requestedBy}</td>
                  <td>
                    <time dateTime={request.requestedAt}>{dateTime(request.requestedAt)}</time>
                  </td>
                  <td>
                    {request.requestedBy === user ? (
                      <span className="muted">{text.ownRequest}</span>
                    ) : (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => void approve(request.id)}
                      >
                        {text.approve}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
