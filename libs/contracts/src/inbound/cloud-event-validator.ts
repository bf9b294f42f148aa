import { isEventType } from '@samenloop/domain';
import {
  fieldErrors,
  MAX_JSON_DEPTH,
  valueNestsDeeperThan,
  type ProblemFieldError,
} from '@samenloop/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { rfc3339Millis } from './calendar-util';
import type { CloudEvent } from './cloud-event-types';
import { CloudEventDto } from './cloud-event.dto';
import { EVENT_DATA_DTOS } from './event-data.dto';

export type CloudEventCheck =
  { ok: true; event: CloudEvent } | { ok: false; errors: ProblemFieldError[] };

// Unknown fields are errors at every level, never silently dropped; one message per field.
const OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
};

const MAX_FUTURE_MS = 5 * 60_000;

/**
 * Checks one inbound CloudEvent against docs/inbound.md: the envelope, then the data of its type, then
 * the rules that need the hub's clock (`now`). Pure; errors carry paths such as `data.rung`.
 */
export function validateCloudEvent(input: unknown, now: Date): CloudEventCheck {
  if (!isJsonObject(input)) {
    return { ok: false, errors: [{ path: '', message: 'a CloudEvent must be a JSON object' }] };
  }
  // Validation below recurses into nested values; a Kafka record has not passed the HTTP parser's
  // depth limit, so the bound is checked here too, without recursion.
  if (valueNestsDeeperThan(input, MAX_JSON_DEPTH)) {
    return {
      ok: false,
      errors: [
        { path: '', message: `a CloudEvent may nest at most ${MAX_JSON_DEPTH} levels deep` },
      ],
    };
  }
  const { type, data } = input;
  const errors = [
    ...check(CloudEventDto, input, ''),
    ...(typeof type === 'string' && isEventType(type) && isJsonObject(data)
      ? check(EVENT_DATA_DTOS[type], data, 'data')
      : []),
  ];
  if (errors.length > 0) return { ok: false, errors };
  // The checks above admit exactly the shape of a CloudEvent, and nothing else.
  const event = input as unknown as CloudEvent;
  const late = clockErrors(event, now);
  return late.length > 0 ? { ok: false, errors: late } : { ok: true, event };
}

function check(dto: new () => object, value: object, path: string): ProblemFieldError[] {
  return fieldErrors(validateSync(plainToInstance(dto, value), OPTIONS), path);
}

function clockErrors(event: CloudEvent, now: Date): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  if ((rfc3339Millis(event.time) ?? 0) > now.getTime() + MAX_FUTURE_MS) {
    errors.push({ path: 'time', message: 'time must be at most 5 minutes in the future' });
  }
  if (
    event.type === 'nl.samenloop.client-enrolled.v1' &&
    event.data.person.birthDate >= now.toISOString().slice(0, 10)
  ) {
    errors.push({ path: 'data.person.birthDate', message: 'birthDate must lie in the past' });
  }
  return errors;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
