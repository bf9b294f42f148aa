import { ValidateBy } from 'class-validator';
import { fixedDurationMs, parseIsoDuration } from './iso-duration';

/** A whole number from `min` to `max`, with one message naming the variable and the range. */
export function IsWholeNumberIn(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'isWholeNumberIn',
    constraints: [min, max],
    validator: {
      validate: (value) => Number.isInteger(value) && value >= min && value <= max,
      defaultMessage: (args) => `${args?.property} must be a whole number from ${min} to ${max}`,
    },
  });
}

/**
 * An ISO 8601 duration such as `P5Y`; `fixed` ones have no years or months, so that they are a
 * number of milliseconds.
 */
export function IsIsoDuration(options: { fixed: boolean }): PropertyDecorator {
  return ValidateBy({
    name: 'isIsoDuration',
    validator: {
      validate: (value) => {
        const duration = typeof value === 'string' ? parseIsoDuration(value) : undefined;
        return (
          duration !== undefined && (!options.fixed || fixedDurationMs(duration) !== undefined)
        );
      },
      defaultMessage: (args) =>
        options.fixed
          ? `${args?.property} must be an ISO 8601 duration without Y or M, such as PT1H`
          : `${args?.property} must be an ISO 8601 duration such as P5Y`,
    },
  });
}

/** A key of `bytes` random bytes, in base64. */
export function IsBase64Key(bytes: number): PropertyDecorator {
  return ValidateBy({
    name: 'isBase64Key',
    validator: {
      validate: (value) =>
        typeof value === 'string' && Buffer.from(value, 'base64').length === bytes,
      defaultMessage: (args) => `${args?.property} must be ${bytes} bytes in base64`,
    },
  });
}
