import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import { type SharingAgreementFile, SharingAgreementFileSchema } from './sharing-agreement.schema';
import { sharingAgreementSet, type SharingAgreementSet } from './sharing-agreement-set';

/** One line naming the file and every problem, so that an operator can fix it without a debugger. */
export class InvalidSharingAgreementsError extends Error {
  override readonly name = 'InvalidSharingAgreementsError';
}

// allErrors: an operator fixing the file sees every problem at once; verbose: for parentSchema.
const validate = new Ajv({ allErrors: true, verbose: true }).compile<SharingAgreementFile>(
  SharingAgreementFileSchema,
);

/** Reads and validates an agreements file; throws {@link InvalidSharingAgreementsError}. */
export function loadSharingAgreements(path: string): SharingAgreementSet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
  return parseSharingAgreements(text, path);
}

export function unreadable(path: string, error: unknown): InvalidSharingAgreementsError {
  return new InvalidSharingAgreementsError(`${path}: cannot be read (${(error as Error).message})`);
}

/** `origin` names the file in error messages. */
export function parseSharingAgreements(text: string, origin: string): SharingAgreementSet {
  const document = parseDocument(text);
  const [syntaxError] = document.errors;
  if (syntaxError) {
    // The parser's message goes on with a code frame; its first line says what and where.
    const [firstLine] = syntaxError.message.split('\n');
    throw new InvalidSharingAgreementsError(`${origin}: ${firstLine?.replace(/:$/, '')}`);
  }
  const file: unknown = document.toJS();
  const problems = validate(file)
    ? duplicateReceivers(file)
    : (validate.errors ?? []).map(describe);
  if (problems.length > 0) {
    throw new InvalidSharingAgreementsError(`${origin}: ${problems.join('; ')}`);
  }
  return sharingAgreementSet(file as SharingAgreementFile);
}

/** Two entries for one receiver would make the outcome depend on their order. */
function duplicateReceivers({ agreements }: SharingAgreementFile): string[] {
  const first = new Map<string, number>();
  return agreements.flatMap(({ receiver }, index) => {
    const key =
      receiver.partner === undefined ? `kind ${receiver.kind}` : `partner ${receiver.partner}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return [];
    }
    return [`agreements[${index}].receiver repeats ${key} of agreements[${earlier}]`];
  });
}

function describe(error: ErrorObject): string {
  const path = readablePath(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `${join(path, error.params.missingProperty)} is required`;
    case 'additionalProperties':
      return `${join(path, error.params.additionalProperty)} is not allowed`;
    case 'enum':
      return `${path || 'the file'} must be one of ${error.params.allowedValues.join(', ')}`;
    case 'minProperties':
    case 'maxProperties': {
      // Only the receiver limits its keys: exactly one of them.
      const keys = Object.keys(error.parentSchema?.properties ?? {});
      return `${path} must have exactly one of ${keys.join(', ')}`;
    }
    default:
      return `${path || 'the file'} ${error.message}`;
  }
}

/** `/agreements/2/categories/0` -> `agreements[2].categories[0]`. */
function readablePath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : join(path, segment)),
      '',
    );
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
