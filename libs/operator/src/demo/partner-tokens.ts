import type { HubClient } from '../hub-client/hub.client';
import { HubRequestError } from '../hub-client/hub-request.errors';
import type { PilotPartner } from './pilot-partners';

interface IssuedToken {
  id: string;
  token: string;
}

export interface PartnerTokens {
  /** The token each partner posts with. */
  tokens: Map<string, string>;
  /** Tokens the hub issued for this run: shown only once, so the caller prints them. */
  issued: Map<string, string>;
  /** Partners that existed: their previous token no longer works. */
  rotated: string[];
}

/**
 * Uses the token given for a partner (checked with the hub first), else registers the partner,
 * or, when it exists, rotates its token: tokens are shown only once.
 */
export async function issuePartnerTokens(
  admin: HubClient,
  partners: readonly PilotPartner[],
  given: ReadonlyMap<string, string> = new Map(),
): Promise<PartnerTokens> {
  const result: PartnerTokens = { tokens: new Map(), issued: new Map(), rotated: [] };
  for (const { id, kind, name } of partners) {
    const token = given.get(id) ?? (await issue(admin, { id, kind, name }, result.rotated));
    if (given.has(id)) await checkToken(admin, id, token);
    else result.issued.set(id, token);
    result.tokens.set(id, token);
  }
  return result;
}

async function issue(
  admin: HubClient,
  partner: Pick<PilotPartner, 'id' | 'kind' | 'name'>,
  rotated: string[],
): Promise<string> {
  try {
    return (await admin.request<IssuedToken>('POST', '/v1/admin/partners', partner)).body.token;
  } catch (error) {
    if (!(error instanceof HubRequestError && error.status === 409)) throw error;
    const path = `/v1/admin/partners/${encodeURIComponent(partner.id)}/rotate`;
    rotated.push(partner.id);
    return (await admin.request<IssuedToken>('POST', path)).body.token;
  }
}

/** Reads the partner's webhook subscriptions: harmless, and refused to any other token. */
async function checkToken(admin: HubClient, partnerId: string, token: string): Promise<void> {
  try {
    await admin.withToken(token).request('GET', '/v1/subscriptions');
  } catch (error) {
    if (!(error instanceof HubRequestError && error.status === 401)) throw error;
    throw new Error(`the hub does not know the token given for ${partnerId} (--token)`, {
      cause: error,
    });
  }
}
