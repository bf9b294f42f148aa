import { ProblemException } from '@samenloop/platform';

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
  return new ProblemException({
    status: 400,
    type: 'validation-failed',
    title: 'The request is not valid',
    detail: `${message}, not ${JSON.stringify(value.slice(0, 40))}`,
    errors: [{ path: 'Last-Event-ID', message }],
  });
}
