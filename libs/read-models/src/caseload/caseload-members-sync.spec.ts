import {
  caseSteps,
  enrolment,
  event,
  GGZ,
  MUNICIPALITY,
  WORK,
} from '../projection/case-steps.spec-helper';
import { leftMembers } from './caseload-members-sync';

const CLIENT = '5b0c7c1e-2f6d-4c7e-9d0a-3f1e8b2a4c55';
const OTHER = '0e9d4f3a-7b2c-4d1e-8a6f-5c4b3a2d1e0f';
const at = (day: number) => `2025-04-${String(day).padStart(2, '0')}T09:00:00.000Z`;

describe('the caseload members a batch removes', () => {
  const story = caseSteps(CLIENT, [
    enrolment(at(1)),
    event(GGZ, 'involvement-signalled', {}, at(2)),
    event(WORK, 'involvement-signalled', {}, at(3)),
    event(GGZ, 'involvement-ended', {}, at(4)),
    event(WORK, 'involvement-ended', {}, at(5)),
    event(WORK, 'involvement-signalled', {}, at(6)),
  ]);

  it('names a partner involved before a step of the batch and no longer after its last', () => {
    expect(leftMembers(story.slice(3, 5))).toEqual([
      { partnerId: GGZ.id, clientId: CLIENT },
      { partnerId: WORK.id, clientId: CLIENT },
    ]);
  });

  it('keeps a partner who left and came back within the batch, and one who only joined', () => {
    expect(leftMembers(story.slice(4))).toEqual([]);
    expect(leftMembers(story.slice(0, 3))).toEqual([]);
  });

  it('judges each client by its own last step', () => {
    const other = caseSteps(OTHER, [enrolment(at(1))], 100);
    expect(leftMembers([story[3]!, ...other, story[4]!])).toEqual([
      { partnerId: GGZ.id, clientId: CLIENT },
      { partnerId: WORK.id, clientId: CLIENT },
    ]);
    expect(leftMembers([...story.slice(0, 4), ...other])).toEqual([
      { partnerId: GGZ.id, clientId: CLIENT },
    ]);
  });

  it('never names the municipality, who stays involved', () => {
    expect(leftMembers(story).map(({ partnerId }) => partnerId)).not.toContain(MUNICIPALITY.id);
  });
});
