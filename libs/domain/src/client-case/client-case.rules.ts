import { ZRM_2017_LIFE_AREAS } from '../catalogue/life-area.catalogue';

/** What varies per deployment: which life-area set the partners score. */
export interface CaseRules {
  lifeAreas: readonly string[];
}

export const defaultCaseRules: CaseRules = { lifeAreas: ZRM_2017_LIFE_AREAS };
