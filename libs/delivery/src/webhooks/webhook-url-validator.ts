import { registerDecorator, type ValidationOptions } from 'class-validator';

const MAX_LENGTH = 2_048;

/** Why `value` cannot be a webhook endpoint, or undefined when it can. */
export function webhookUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) {
    return `url must be a string of at most ${MAX_LENGTH} characters`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'url must be an absolute http or https URL';
  }
  // They would end up in logs and in every partner's status view; signatures authenticate.
  if (url.username !== '' || url.password !== '') return 'url must not carry credentials';
  if (url.hash !== '') return 'url must not have a fragment';
  return undefined;
}

export function IsWebhookUrl(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWebhookUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => webhookUrlProblem(value) === undefined,
        defaultMessage: (args) => webhookUrlProblem(args?.value) ?? 'url is not valid',
      },
    });
}
