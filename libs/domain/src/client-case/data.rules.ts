import { isDataCategory } from '../catalogue/data-category.catalogue';
import { isZrmScore } from '../catalogue/life-area.catalogue';
import { HIGHEST_RUNG, isRung, LOWEST_RUNG } from '../catalogue/participation-ladder.catalogue';
import {
  CLIENT_PROFILES,
  CLOSE_REASONS,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  REFERRAL_OUTCOMES,
  REFERRAL_SERVICES,
  VISIT_LOCATIONS,
} from '../catalogue/vocabulary.catalogue';
import type { PartnerCommand } from './client-case.command';
import { invalid, type Rejection } from './client-case-rejection';
import type { CaseRules } from './client-case.rules';

type Check = Rejection | undefined;

const CBS_MUNICIPALITY_CODE = /^GM\d{4}$/;

/**
 * The checks a schema cannot make (the configured life areas) and those the domain must not trust
 * the intake with (ranges and vocabularies); shapes and unknown fields are the intake's job.
 */
export function invalidData(command: PartnerCommand, rules: CaseRules): Check {
  switch (command.type) {
    case 'nl.samenloop.client-enrolled.v1': {
      const { municipality, profile, startRung, person } = command.data;
      return (
        (CBS_MUNICIPALITY_CODE.test(municipality)
          ? undefined
          : invalid('data.municipality', `'${municipality}' is not a CBS code such as GM0794`)) ??
        optional(profile, (p) => oneOf(p, CLIENT_PROFILES, 'data.profile')) ??
        optional(startRung, (r) => rung(r, 'data.startRung')) ??
        (typeof person?.sealed === 'string' && person.sealed.length > 0
          ? undefined
          : invalid('data.person.sealed', 'the person must arrive sealed by the intake'))
      );
    }
    case 'nl.samenloop.contact-attempted.v1':
      return (
        oneOf(command.data.channel, CONTACT_CHANNELS, 'data.channel') ??
        oneOf(command.data.outcome, CONTACT_OUTCOMES, 'data.outcome')
      );
    case 'nl.samenloop.visit-held.v1': {
      const { location, lifeAreasDiscussed, durationMinutes } = command.data;
      return (
        oneOf(location, VISIT_LOCATIONS, 'data.location') ??
        each(lifeAreasDiscussed, 'data.lifeAreasDiscussed', (code, field) =>
          lifeArea(code, rules, field),
        ) ??
        optional(durationMinutes, (minutes) =>
          Number.isInteger(minutes) && minutes > 0
            ? undefined
            : invalid('data.durationMinutes', 'must be a positive whole number of minutes'),
        )
      );
    }
    case 'nl.samenloop.life-areas-assessed.v1': {
      const scores = Object.entries(command.data.scores);
      if (scores.length === 0) return invalid('data.scores', 'at least one life area is scored');
      return scores
        .map(([code, score]) => {
          const field = `data.scores.${code}`;
          return (
            lifeArea(code, rules, field) ??
            (isZrmScore(score) ? undefined : invalid(field, `score ${score} is not 1-5`))
          );
        })
        .find(Boolean);
    }
    case 'nl.samenloop.goal-set.v1':
      return lifeArea(command.data.lifeArea, rules, 'data.lifeArea');
    case 'nl.samenloop.referral-made.v1':
      return oneOf(command.data.service, REFERRAL_SERVICES, 'data.service');
    case 'nl.samenloop.referral-completed.v1':
      return oneOf(command.data.outcome, REFERRAL_OUTCOMES, 'data.outcome');
    case 'nl.samenloop.ladder-step-reached.v1':
      return rung(command.data.rung, 'data.rung');
    case 'nl.samenloop.consent-granted.v1':
    case 'nl.samenloop.consent-withdrawn.v1': {
      const { toPartner, categories } = command.data;
      if (toPartner === command.partnerId) {
        return invalid('data.toPartner', 'consent is given to another partner');
      }
      if (categories.length === 0) return invalid('data.categories', 'name at least one category');
      return each(categories, 'data.categories', (category, field) =>
        isDataCategory(category)
          ? undefined
          : invalid(field, `'${category}' is not a data category`),
      );
    }
    case 'nl.samenloop.case-closed.v1':
      return oneOf(command.data.reason, CLOSE_REASONS, 'data.reason');
    default:
      return undefined;
  }
}

function optional<T>(value: T | undefined, check: (value: T) => Check): Check {
  return value === undefined ? undefined : check(value);
}

function each<T>(
  items: readonly T[],
  path: string,
  check: (item: T, field: string) => Check,
): Check {
  return items.map((item, index) => check(item, `${path}[${index}]`)).find(Boolean);
}

function oneOf(value: string, allowed: readonly string[], field: string): Check {
  return allowed.includes(value)
    ? undefined
    : invalid(field, `'${value}' is not one of ${allowed.join(', ')}`);
}

function rung(value: number, field: string): Check {
  return isRung(value)
    ? undefined
    : invalid(field, `rung ${value} is outside ${LOWEST_RUNG}-${HIGHEST_RUNG}`);
}

function lifeArea(code: string, rules: CaseRules, field: string): Check {
  return rules.lifeAreas.includes(code)
    ? undefined
    : invalid(field, `'${code}' is not a life area of the configured set`);
}
