/** A partner's webhook endpoint and how far its feed has been pushed there. */
export interface WebhookSubscription {
  id: string;
  partnerId: string;
  url: string;
  types: string[] | null;
  categories: string[] | null;
  sealedSecret: string;
  status: 'active' | 'failing';
  /** Internal: the feed seq delivered (or skipped as unwanted) through. */
  afterSeq: number;
  lastDeliveredCursor: number | null;
  delivered: number;
  attempts: number;
  firstFailureAt: Date | null;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

/** What a failed attempt leaves behind. */
export interface FailedAttempt {
  /** Unwanted entries before the failing one count as handled. */
  afterSeq: number;
  attempts: number;
  firstFailureAt: Date;
  /** Null when the retry window is over and the subscription is marked failing. */
  nextAttemptAt: Date | null;
  error: string;
}
