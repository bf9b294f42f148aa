import type { SignalRule, SignalView } from '../api/contract';
import { useI18n } from '../i18n/i18n.context';
import { SignalIcon } from './icons';

/** A signal as an icon and a word; the colour only repeats what both say. */
export function SignalBadge({ rule, summary }: { rule: SignalRule; summary?: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge signal signal--${rule}`} title={summary}>
      <SignalIcon rule={rule} />
      <span>{t.signals[rule]}</span>
    </span>
  );
}

/** The compact list for a table cell. */
export function SignalBadges({ signals }: { signals: SignalView[] }) {
  const { t } = useI18n();
  if (signals.length === 0) return <span className="muted">{t.caseload.noSignals}</span>;
  return (
    <ul className="badge-list">
      {signals.map((signal) => (
        <li key={signal.rule}>
          <SignalBadge rule={signal.rule} summary={signal.summary} />
        </li>
      ))}
    </ul>
  );
}
