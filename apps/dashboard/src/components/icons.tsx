import type { ReactNode } from 'react';
import type { Category, SignalRule } from '../api/contract';

/** Decorative: every icon stands beside a text that says the same. */
function Icon({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <svg
      className={`icon${className ? ` ${className}` : ''}`}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const LockIcon = () => (
  <Icon>
    <rect x="5" y="11" width="14" height="10" rx="2" />
    <path d="M8 11V7a4 4 0 0 1 8 0v4" />
  </Icon>
);

const CATEGORY_ICONS: Record<Category, ReactNode> = {
  // An identity card.
  identity: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <circle cx="9" cy="11" r="2" />
      <path d="M6 16c.8-1.5 1.8-2 3-2s2.2.5 3 2M14 10h4M14 14h3" />
    </>
  ),
  // Two linked people.
  involvement: (
    <>
      <circle cx="8" cy="8" r="3" />
      <circle cx="16" cy="8" r="3" />
      <path d="M2 20c0-3.3 2.7-6 6-6 1.5 0 2.9.6 4 1.5 1.1-.9 2.5-1.5 4-1.5 3.3 0 6 2.7 6 6" />
    </>
  ),
  // A speech bubble.
  contact: <path d="M21 12a8 8 0 0 1-11.6 7.1L4 21l1.9-5.1A8 8 0 1 1 21 12z" />,
  // A clipboard with a tick.
  assessment: (
    <>
      <rect x="5" y="4" width="14" height="17" rx="2" />
      <path d="M9 4V3h6v1M9 13l2 2 4-4" />
    </>
  ),
  // An arrow leaving a box.
  referral: (
    <>
      <path d="M14 4h6v6M20 4l-9 9" />
      <path d="M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />
    </>
  ),
  // A page of text.
  content: (
    <>
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M9 11h7M9 15h7M9 7h3" />
    </>
  ),
};

export function CategoryIcon({ category }: { category: Category }) {
  return <Icon>{CATEGORY_ICONS[category]}</Icon>;
}

const SIGNAL_ICONS: Record<SignalRule, ReactNode> = {
  // A telephone with a stroke through it.
  'unreached-after-attempts': (
    <>
      <path d="M5 4h3l2 5-2.5 1.5a11 11 0 0 0 6 6L15 14l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />
      <path d="M3 3l18 18" />
    </>
  ),
  // An hourglass.
  'referral-unanswered': (
    <>
      <path d="M6 3h12M6 21h12" />
      <path d="M7 3c0 5 10 5 10 9s-10 4-10 9M17 3c0 5-10 5-10 9s10 4 10 9" />
    </>
  ),
  // Two arrows passing each other.
  'working-past-each-other': (
    <>
      <path d="M4 8h14M14 4l4 4-4 4" />
      <path d="M20 16H6M10 12l-4 4 4 4" />
    </>
  ),
  // A clock.
  'no-contact': (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  // A person with a question mark.
  'no-case-lead': (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c0-3.6 2.9-6.5 6.5-6.5 1.4 0 2.7.4 3.7 1.2" />
      <path d="M16 13.5a2.5 2.5 0 1 1 3.3 2.4c-.8.3-1.3.9-1.3 1.7v.4M18 21h.01" />
    </>
  ),
};

export function SignalIcon({ rule }: { rule: SignalRule }) {
  return <Icon>{SIGNAL_ICONS[rule]}</Icon>;
}

export const ArrowUpIcon = () => (
  <Icon className="icon--small">
    <path d="M12 19V5M6 11l6-6 6 6" />
  </Icon>
);

export const ArrowDownIcon = () => (
  <Icon className="icon--small">
    <path d="M12 5v14M6 13l6 6 6-6" />
  </Icon>
);

export const SortIcon = ({ direction }: { direction: 'ascending' | 'descending' | 'none' }) => (
  <Icon className="icon--sort">
    {direction === 'ascending' && <path d="M6 15l6-6 6 6" />}
    {direction === 'descending' && <path d="M6 9l6 6 6-6" />}
    {direction === 'none' && <path d="M8 10l4-4 4 4M8 14l4 4 4-4" />}
  </Icon>
);
