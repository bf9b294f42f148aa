/**
 * The access log (NEN 7513): one entry per access to one client's data. What the other libs pass to
 * `AccessLog.record`; nothing in an entry may be personal data in clear (ids and references only).
 */
export interface AccessLogEntry {
  /** What was done, dotted lower case; see {@link ACCESS_ACTIONS} for the known ones. */
  action: AccessAction;
  /** The hub's client id whose data was accessed; null only for an access not about one client. */
  clientId: string | null;
  /** Who accessed: the professional (`emp-1234`), auditor, or a system (`system:relay`). */
  user: string;
  /** On whose behalf, when the user acts for someone else (a case lead's assistant, a partner system). */
  onBehalfOf?: string;
  /** The partner the user works for, or that received a delivery. */
  partnerId?: string;
  /** Where: the endpoint or channel, e.g. `GET /v1/dashboard/clients/{ref}`, `kafka:samenloop.ggz`. */
  accessPoint: string;
  /** From where: an IP address or host name, when known. */
  origin?: string;
  /** Under which authorisation the access was allowed. */
  authorisation: Authorisation;
  /** Access under the emergency procedure ("break the glass"): reviewed first by the privacy officer. */
  emergency?: boolean;
  /** When it happened; now when absent. */
  occurredAt?: Date;
  /** Small JSON without personal data: positions delivered, a filter, `asOf`. */
  detail?: Record<string, unknown>;
}

/**
 * `agreement`: a data-sharing agreement (reference = its id, version = its version); `consent`:
 * the client's consent (reference = the consent event's id); `role`: a hub role (reference =
 * `auditor`, `case-lead`, `admin`); `law`: a legal duty (reference = the article or retention rule).
 */
export interface Authorisation {
  basis: AuthorisationBasis;
  reference: string;
  version?: string;
}

export const AUTHORISATION_BASES = ['agreement', 'consent', 'role', 'law'] as const;
export type AuthorisationBasis = (typeof AUTHORISATION_BASES)[number];

/** The actions the hub knows; other libs may log new dotted names without changing this list. */
export const ACCESS_ACTIONS = {
  timelineView: 'timeline.view',
  caseloadView: 'caseload.view',
  clientView: 'client.view',
  feedRead: 'feed.read',
  sseDelivery: 'sse.delivery',
  webhookDelivery: 'webhook.delivery',
  kafkaDelivery: 'kafka.delivery',
  replay: 'audit.replay',
  export: 'audit.export',
  accessLogRead: 'audit.access-log.read',
  integrityRead: 'audit.integrity.read',
  verify: 'audit.verify',
  erasure: 'client.erasure',
  erasurePlan: 'client.erasure.plan',
  erasureRequest: 'client.erasure.request',
  erasureRequestsRead: 'audit.erasure-requests.read',
  erasureApproval: 'client.erasure.approve',
} as const;

export type KnownAccessAction = (typeof ACCESS_ACTIONS)[keyof typeof ACCESS_ACTIONS];
// `string & {}` keeps editor completion for the known names while allowing new ones.
export type AccessAction = KnownAccessAction | (string & {});

/** The columns an entry keeps as given, in every form it takes after it is checked. */
export interface AccessFields {
  id: string;
  action: string;
  clientId: string | null;
  user: string;
  onBehalfOf: string | null;
  partnerId: string | null;
  accessPoint: string;
  origin: string | null;
  emergency: boolean;
}

/** An entry as stored: numbered, timed and chained. */
export interface RecordedAccess extends AccessFields {
  /** 1, 2, 3...: the chain's order, without gaps. */
  seq: number;
  occurredAt: string;
  authorisation: Authorisation;
  detail: Record<string, unknown> | null;
  /** SHA-256 (hex) over this entry and the previous entry's hash. */
  hash: string;
  previousHash: string | null;
}
