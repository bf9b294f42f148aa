import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import {
  ADMIN_PARTNER_ID,
  type ClientCaseState,
  EVENT_TYPES,
  evolve,
  evolveAll,
  mayPublish,
  PARTNER_KINDS,
  type PartnerKind,
} from '@samenloop/domain';
import { DEMO_PARTNERS, loadSharingAgreements, receiversOf } from '@samenloop/sharing';
import {
  OutboundCloudEventSchema,
  buildOutboundEvent,
  type Identity,
  OUTBOUND_EVENT_SCHEMAS,
} from '@samenloop/contracts';
import { HUB_ONLY, OTHER_PARTNER, PERSON, REDACTED, exampleStoredEvent } from '@samenloop/testing';

/*
 * Every event the authorisation matrix delivers (libs/sharing, entitlement-matrix.spec.ts), built
 * for its receiver: each must be valid against the CloudEvents envelope and against the schema its
 * own `dataschema` names, and carry nothing that stays in the hub.
 */

const AGREEMENTS = loadSharingAgreements(join(__dirname, '../../../../config/sharing.yaml'));
const PARTNERS = [...DEMO_PARTNERS, OTHER_PARTNER];
const partnerOf = (kind: PartnerKind) => PARTNERS.find((partner) => partner.kind === kind)!;
const MUNICIPALITY = partnerOf('municipality').id;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema([OutboundCloudEventSchema, ...Object.values(OUTBOUND_EVENT_SCHEMAS)]);
const validEnvelope = ajv.getSchema(OutboundCloudEventSchema.$id!)!;

/** A case every partner is involved with: by signal where it may use the BSN, else as lead. */
const EVERYONE_INVOLVED = evolveAll([
  exampleStoredEvent('nl.samenloop.client-enrolled.v1', MUNICIPALITY),
  ...PARTNERS.filter(({ kind }) => kind !== 'municipality').map(({ id, kind }) =>
    mayPublish(kind, 'nl.samenloop.involvement-signalled.v1')
      ? exampleStoredEvent('nl.samenloop.involvement-signalled.v1', id)
      : exampleStoredEvent('nl.samenloop.case-lead-assigned.v1', MUNICIPALITY, {
          data: { leadPartner: id, leadActor: 'emp-1' },
        }),
  ),
]);

const CONSENT = ['none', 'granted', 'withdrawn'] as const;

/** The sender's consent towards every partner for its secret categories. */
function withConsent(sender: string, consent: (typeof CONSENT)[number]): ClientCaseState {
  const change = (type: 'nl.samenloop.consent-granted.v1' | 'nl.samenloop.consent-withdrawn.v1') =>
    PARTNERS.map(({ id }) =>
      exampleStoredEvent(type, sender, {
        data: { toPartner: id, categories: ['assessment', 'content'] },
      }),
    );
  const changes = {
    none: [],
    granted: change('nl.samenloop.consent-granted.v1'),
    withdrawn: [
      ...change('nl.samenloop.consent-granted.v1'),
      ...change('nl.samenloop.consent-withdrawn.v1'),
    ],
  };
  return evolveAll(changes[consent], EVERYONE_INVOLVED);
}

const cases = EVENT_TYPES.flatMap((type) => {
  const senders = PARTNER_KINDS.filter((kind) => mayPublish(kind, type));
  return (senders.length > 0 ? senders : [undefined]).flatMap((senderKind) =>
    CONSENT.flatMap((consent) =>
      (type === 'nl.samenloop.client-enrolled.v1' ? [PERSON, REDACTED] : [PERSON]).map(
        (identity: Identity) => ({ type, senderKind, consent, identity }),
      ),
    ),
  );
});

function builtFor({ type, senderKind, consent, identity }: (typeof cases)[number]) {
  const sender = senderKind === undefined ? ADMIN_PARTNER_ID : partnerOf(senderKind).id;
  const event = exampleStoredEvent(type, sender, { actor: 'emp-1' });
  const stateBefore = withConsent(sender, consent);
  // Enrolment as the relay would catch up a partner that joined later: the case as it is now.
  const stateAfter =
    type === 'nl.samenloop.client-enrolled.v1' ? stateBefore : evolve(stateBefore, event);
  const involved = stateAfter.enrolled ? stateAfter.involved : new Set<string>();
  return receiversOf({
    partners: PARTNERS,
    agreements: AGREEMENTS,
    event,
    stateBefore,
    stateAfter,
    senderKind,
  }).map(({ receiver, entitlement }) =>
    buildOutboundEvent({
      event,
      sourceEventId: event.eventId,
      position: 4711,
      receiverId: receiver.id,
      receiverReference: `psn-${receiver.id}`,
      entitlement,
      identity,
      involvedPartners: [...involved],
    }),
  );
}

describe('every event the matrix delivers', () => {
  let built = 0;

  it.each(cases)(
    '$type from $senderKind, consent $consent, is valid and keeps the hub’s secrets',
    (question) => {
      const problems = builtFor(question).flatMap((outbound) => {
        built += 1;
        const validData = ajv.getSchema(outbound.dataschema);
        const leaked = Object.values(HUB_ONLY).filter((secret) =>
          JSON.stringify(outbound).includes(secret),
        );
        return [
          ...(validEnvelope(outbound)
            ? []
            : [{ subject: outbound.subject, envelope: validEnvelope.errors }]),
          ...(validData?.(outbound.data)
            ? []
            : [{ subject: outbound.subject, data: validData?.errors ?? 'no schema' }]),
          ...(leaked.length === 0 ? [] : [{ subject: outbound.subject, leaked }]),
        ];
      });
      expect(problems).toEqual([]);
    },
  );

  it('were many', () => {
    expect(built).toBeGreaterThan(1000);
  });
});
