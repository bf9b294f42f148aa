export * from './catalogue/event-type.catalogue';
export * from './catalogue/event-data-types';
export * from './catalogue/data-category.catalogue';
export * from './catalogue/event-category.catalogue';
export * from './catalogue/free-text.catalogue';
export * from './catalogue/life-area.catalogue';
export * from './catalogue/participation-ladder.catalogue';
export * from './catalogue/vocabulary.catalogue';
export * from './catalogue/vocabulary-labels';
export * from './catalogue/bsn-rule';
export * from './partners/partner-kind.catalogue';
export * from './partners/partner-id-rule';
export * from './partners/publish.policy';
export * from './partners/hub-issuer';
export * from './client-case/client-case.command';
export * from './client-case/client-case-event';
export * from './client-case/client-case-state';
export type { Rejection, RejectionCode } from './client-case/client-case-rejection';
export * from './client-case/client-case.rules';
export { evolve, evolveAll } from './client-case/client-case-evolve';
export { initialState } from './client-case/client-case-state';
export { decide, clientCaseDecider, type Decision } from './client-case/client-case-decider';
export { clientStream, toClientCaseEvent, toEventToAppend } from './client-case/client-case-stream';
export type {
  ClientCaseEventMetadata,
  IntakeTrace,
  StoredEventShape,
} from './client-case/client-case-stream';
export { summarize } from './timeline/timeline-summary';
export type { PartnerName } from './timeline/timeline-summary';
export { timelineDetails } from './timeline/timeline-details';
export type { TimelineDetails } from './timeline/timeline-details';
