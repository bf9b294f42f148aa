import { EVENT_TYPES } from '../catalogue/event-type.catalogue';
import { ADMIN_PARTNER_ID } from '../client-case/client-case-event';
import { isHubIssued, isReservedPartnerId } from './hub-issuer';
import { mayPublish } from './publish.policy';
import { PARTNER_KINDS } from './partner-kind.catalogue';

describe('the hub’s own events', () => {
  it('are the erasures stored under the administrator, as before ids were reserved', () => {
    expect(
      isHubIssued({ type: 'nl.samenloop.client-erased.v1', partnerId: ADMIN_PARTNER_ID }),
    ).toBe(true);
  });

  it('never include what a partner registered as admin publishes', () => {
    const publishable = EVENT_TYPES.filter((type) =>
      PARTNER_KINDS.some((kind) => mayPublish(kind, type)),
    );
    expect(publishable.length).toBeGreaterThan(0);
    for (const type of publishable) {
      expect(isHubIssued({ type, partnerId: ADMIN_PARTNER_ID })).toBe(false);
    }
  });

  it('are never another id’s', () => {
    expect(isHubIssued({ type: 'nl.samenloop.client-erased.v1', partnerId: 'hub' })).toBe(false);
  });
});

describe('reserved partner ids', () => {
  it.each(['admin', 'hub', 'samenloop', 'system', 'root'])('reserves %s', (id) => {
    expect(isReservedPartnerId(id)).toBe(true);
  });

  it('leaves ordinary ids free', () => {
    expect(isReservedPartnerId('ggz-oost-brabant')).toBe(false);
    expect(isReservedPartnerId('admin-ggz')).toBe(false);
  });
});
