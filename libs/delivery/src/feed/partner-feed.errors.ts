/** A partner resumed after a cursor that is not one of its own feed's. */
export class UnknownCursorError extends Error {
  override readonly name = 'UnknownCursorError';
  constructor(
    readonly partnerId: string,
    readonly cursor: number,
  ) {
    super(`cursor ${cursor} is not in the feed of ${partnerId}`);
  }
}
