/**
 * Given-when-then for any decider whose `decide` answers with a decision instead of throwing,
 * after Emmett's DeciderSpecification. Knows nothing of the domain.
 */
type Decided<Event, Rejection> =
  { ok: true; events: Event[] } | { ok: false; rejection: Rejection };

interface SpecifiedDecider<Command, Event, State, Rejection> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Decided<Event, Rejection>;
}

export function deciderSpec<Command, Event, State, Rejection extends { code: string }>(
  decider: SpecifiedDecider<Command, Event, State, Rejection>,
) {
  return {
    given: (events: readonly Event[]) => ({
      when: (command: Command) => {
        const decision = decider.decide(
          command,
          events.reduce(decider.evolve, decider.initialState),
        );
        return {
          then(expected: readonly Event[]): void {
            expect(decision).toEqual({ ok: true, events: expected });
          },
          thenRejects(code: Rejection['code'], field?: string): void {
            const rejection = field === undefined ? { code } : { code, field };
            expect(decision).toMatchObject({ ok: false, rejection });
          },
        };
      },
    }),
  };
}
