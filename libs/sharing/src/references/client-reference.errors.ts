export class ReferenceTakenError extends Error {
  override readonly name = 'ReferenceTakenError';
  constructor(
    readonly partnerId: string,
    readonly reference: string,
  ) {
    super(`reference ${reference} of partner ${partnerId} already names another client`);
  }
}
