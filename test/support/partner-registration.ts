import type { PartnerKind } from '@samenloop/domain';

export interface RegisteredPartner {
  id: string;
  kind: PartnerKind;
  token: string;
}

/** Registers a partner through the admin API of the hub at `url`; throws unless it answers 201. */
export async function registerPartner(
  url: string,
  adminToken: string,
  id: string,
  kind: PartnerKind,
): Promise<RegisteredPartner> {
  const response = await fetch(`${url}/v1/admin/partners`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, kind, name: `Test ${id}` }),
  });
  if (response.status !== 201) {
    throw new Error(`registering ${id}: ${response.status} ${await response.text()}`);
  }
  return { id, kind, token: ((await response.json()) as { token: string }).token };
}
