/**
 * The dashboard API's types, shared with the hub. Type-only: nothing of the server reaches the
 * browser bundle (verbatimModuleSyntax makes a value import here a compile error).
 */
export type {
  CaseloadPage,
  CaseloadQuery,
  CaseloadRow,
  Category,
  ClientDetail,
  Outcomes,
  OutcomesQuery,
  Role,
  SessionView,
  SignalRule,
  SignalView,
  SignInRequest,
  TimelineEntry,
  TimelinePage,
} from '../../../../libs/contracts/src/dashboard/dashboard.contract';
