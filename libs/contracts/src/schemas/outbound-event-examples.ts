import { INBOUND_EXAMPLES } from '../inbound/inbound-event-examples';
import type { OutboundEventType } from '../catalogue/outbound-event.catalogue';
import type { OutboundData } from './outbound-event.schema';

type Examples = { readonly [T in OutboundEventType]: OutboundData<T> };

// A partner entitled to everything receives what was published, but a signal: it hears of a
// signal only as the hub's match. The wire types allow sealed text, which no example holds; the
// AsyncAPI spec checks every example against its outbound schema.
const { 'nl.samenloop.involvement-signalled.v1': _signal, ...published } = INBOUND_EXAMPLES;

/**
 * One example `data` per outbound type, as a partner entitled to everything would receive it;
 * shown in the AsyncAPI document and checked against the schemas.
 */
export const OUTBOUND_EXAMPLES: Examples = {
  ...(published as Omit<Examples, 'nl.samenloop.involvement-matched.v1'>),
  'nl.samenloop.involvement-matched.v1': {
    signalledBy: 'ggz-oost-brabant',
    involvedPartners: ['gemeente-helmond', 'ggz-oost-brabant'],
  },
};
