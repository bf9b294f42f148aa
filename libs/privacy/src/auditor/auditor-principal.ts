/** Who reads the audit API, as the authentication in force establishes it. */
export interface AuditorPrincipal {
  /** The user id logged with every read. */
  user: string;
  /** The hub role; only `auditor` is admitted. */
  role: string;
  onBehalfOf?: string;
}

/** The parts of a Fastify request the audit reads. */
export interface AuditRequest {
  /** The HTTP method: a sign-in may refuse changes that other sites' pages could send. */
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  auditor?: AuditorPrincipal;
}

/**
 * The seam between the audit API and whoever signs auditors in: the hub binds it to the read
 * models' professional sign-in (`AuditModule.forRoot({ auditorSignIn })`), so that the access log
 * names the person who read, and only users with the `auditor` role get in.
 */
export abstract class AuditorAuthentication {
  /** The principal, or undefined when the request carries no valid credentials (answered 401). */
  abstract authenticate(request: AuditRequest): Promise<AuditorPrincipal | undefined>;
}
