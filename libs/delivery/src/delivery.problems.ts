import { fieldProblem, ProblemException, unauthorized } from '@samenloop/platform';

export function unknownCursor(cursor: number): ProblemException {
  return new ProblemException({
    status: 400,
    type: 'unknown-cursor',
    title: 'Unknown cursor',
    detail: `${cursor} is not the cursor of an event in your feed; resume after one you received, or 0`,
  });
}

export function unknownSubscription(): ProblemException {
  return new ProblemException({
    status: 404,
    type: 'unknown-subscription',
    title: 'Unknown subscription',
    detail: 'you have no webhook subscription with this id',
  });
}

export function invalidLastEventId(value: string): ProblemException {
  const message = 'Last-Event-ID must be a cursor: a whole number of at least 0';
  return fieldProblem(
    'Last-Event-ID',
    message,
    `${message}, not ${JSON.stringify(value.slice(0, 40))}`,
  );
}

export function refusedWebhookUrl(message: string): ProblemException {
  return fieldProblem('url', message);
}

export function tooManySubscriptions(max: number): ProblemException {
  return new ProblemException({
    status: 409,
    type: 'too-many-subscriptions',
    title: 'Too many webhook subscriptions',
    detail: `you hold ${max} webhook subscriptions, the most a partner may; delete one first`,
  });
}

export function tooManyStreams(max: number): ProblemException {
  return new ProblemException({
    status: 429,
    type: 'too-many-streams',
    title: 'Too many event streams',
    detail: `you hold ${max} open event streams on this hub process, the most a partner may; close one first`,
  });
}

export function tokenWithdrawn(): ProblemException {
  return unauthorized('the token was rotated or revoked while the request waited');
}
