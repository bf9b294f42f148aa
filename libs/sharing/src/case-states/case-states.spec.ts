import { evolve, initialState, type ClientCaseState } from '@samenloop/domain';
import { CaseStates } from './case-states';

const enrolled: ClientCaseState = evolve(initialState, {
  type: 'nl.samenloop.client-enrolled.v1',
  eventId: 'e1',
  partnerId: 'gemeente',
  occurredAt: '2026-03-01T10:00:00.000Z',
  recordedAt: '2026-03-01T10:00:00.000Z',
  data: { municipality: 'GM0794', person: { sealed: 'x' }, reference: 'GM-1' },
} as never);
const closed: ClientCaseState = { ...enrolled, status: 'closed' } as ClientCaseState;

describe('the case states shared by the intake', () => {
  it('answers the case before an event one revision on, or the one it replaced', () => {
    const states = new CaseStates();
    states.remember('client-1', { revision: 3, state: closed, previous: enrolled });

    expect(states.before('client-1', 4)).toBe(closed);
    expect(states.before('client-1', 3)).toBe(enrolled);
    expect(states.before('client-1', 2)).toBeUndefined();
    expect(states.before('client-1', 5)).toBeUndefined();
    expect(states.before('client-2', 4)).toBeUndefined();
  });

  it('knows no earlier case when none was kept, and nothing once forgotten', () => {
    const states = new CaseStates();
    states.remember('client-1', { revision: 0, state: enrolled });
    expect(states.before('client-1', 0)).toBeUndefined();
    expect(states.before('client-1', 1)).toBe(enrolled);

    states.forget('client-1');
    expect(states.latest('client-1')).toBeUndefined();
    expect(states.before('client-1', 1)).toBeUndefined();
  });
});
