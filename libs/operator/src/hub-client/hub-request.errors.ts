/** A failed call to the hub, worded as the one line the command line prints. */
export class HubRequestError extends Error {
  override readonly name = 'HubRequestError';
  constructor(
    message: string,
    readonly status?: number,
    readonly problemType?: string,
  ) {
    super(message);
  }
}
