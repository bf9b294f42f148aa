import type { ReplayTimelineEntry } from '../audit.contract';
import type { RecordedAccess } from '@samenloop/privacy';
import type { CaseStateView } from '../replay/case-state.view';
import type { PersonView } from '../replay/client-person';

/** Everything the hub holds about one client (AVG art. 15), as one JSON document. */
export interface SubjectAccessReport {
  format: 'samenloop-subject-access-v1';
  generatedAt: string;
  client: {
    clientId: string;
    status: 'not-enrolled' | 'open' | 'closed' | 'erased';
    /** Decrypted with the client's key, or the redaction marker after erasure. */
    person: PersonView;
    /** Partner id -> that partner's own reference, as the stream records them. */
    references: Record<string, string>;
  };
  state: CaseStateView;
  /** Every stored event, oldest first, with the person decrypted in place of its ciphertext. */
  events: ExportedEvent[];
  /** Every access to the client's data, this export's own included, in chronological order. */
  accessLog: RecordedAccess[];
}

/** A timeline entry of the replay, with the sender's reference and the event's data. */
export interface ExportedEvent extends ReplayTimelineEntry {
  /** The sending partner's reference for the client. */
  subject?: string;
  data: unknown;
}
