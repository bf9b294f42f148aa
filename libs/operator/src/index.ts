export { HubClient } from './hub-client/hub.client';
export type { HubClientOptions } from './hub-client/hub.client';
export { HubRequestError } from './hub-client/hub-request.error';
export { buildProgram, runProgram } from './samenloop.program';
export type { ProgramIo } from './samenloop.program';
export { PilotPlan } from './demo/pilot.plan';
export type { ClientPlan, PilotPlanOptions, PlannedEvent } from './demo/pilot.plan';
