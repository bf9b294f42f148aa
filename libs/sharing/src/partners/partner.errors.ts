export class PartnerExistsError extends Error {
  override readonly name = 'PartnerExistsError';
  constructor(readonly partnerId: string) {
    super(`partner ${partnerId} already exists`);
  }
}

export class UnknownPartnerError extends Error {
  override readonly name = 'UnknownPartnerError';
  constructor(readonly partnerId: string) {
    super(`no active partner ${partnerId}`);
  }
}

export class InvalidPartnerError extends Error {
  override readonly name = 'InvalidPartnerError';
  constructor(
    readonly field: 'id' | 'kind' | 'name',
    message: string,
  ) {
    super(message);
  }
}
