/** What a partner gets back for an accepted event. */
export interface Receipt {
  /** The CloudEvent id, as sent. */
  id: string;
  source: string;
  type: string;
  /** The sender's reference for the client. */
  subject: string;
  /** The event's position in the hub's global log. */
  position: number;
  /** When the hub stored it (RFC 3339, UTC). */
  receivedAt: string;
}
