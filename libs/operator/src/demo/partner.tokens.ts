import type { HubClient } from '../hub-client/hub.client';
import { HubRequestError } from '../hub-client/hub-request.error';
import type { PilotPartner } from './pilot.partners';

interface IssuedToken {
  id: string;
  token: string;
}

export interface PartnerTokens {
  tokens: Map<string, string>;
  /** Partners that existed: their previous token no longer works. */
  rotated: string[];
}

/** Registers each partner, or, when it exists, rotates its token: tokens are shown only once. */
export async function issuePartnerTokens(
  admin: HubClient,
  partners: readonly PilotPartner[],
): Promise<PartnerTokens> {
  const issued: PartnerTokens = { tokens: new Map(), rotated: [] };
  for (const { id, kind, name } of partners) {
    try {
      const { body } = await admin.request<IssuedToken>('POST', '/v1/admin/partners', {
        id,
        kind,
        name,
      });
      issued.tokens.set(id, body.token);
    } catch (error) {
      if (!(error instanceof HubRequestError && error.status === 409)) throw error;
      const path = `/v1/admin/partners/${encodeURIComponent(id)}/rotate`;
      issued.tokens.set(id, (await admin.request<IssuedToken>('POST', path)).body.token);
      issued.rotated.push(id);
    }
  }
  return issued;
}
