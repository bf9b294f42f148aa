import { freeTextFieldsOf, type EventType, type SealedText } from '@samenloop/domain';
import type { Decrypter, KeyVault, Redacted } from './key-vault';

/** Opened free text: the clear string, or the redaction marker once the client was erased. */
export type OpenedText = string | Redacted;

/**
 * The data with its free-text fields sealed with the client's key, as the person is: erasing the
 * client then erases them from every copy. Throws {@link ClientErasedError} once the key is gone.
 */
export async function sealFreeText<D extends object>(
  keyVault: Pick<KeyVault, 'encrypt'>,
  clientId: string,
  type: EventType,
  data: D,
): Promise<D> {
  const sealed = { ...data } as Record<string, unknown>;
  for (const field of freeTextFieldsOf(type)) {
    const text = sealed[field];
    if (typeof text === 'string') {
      sealed[field] = { sealed: await keyVault.encrypt(clientId, text) } satisfies SealedText;
    }
  }
  return sealed as D;
}

/**
 * The data with its sealed free text opened: clear again, or the redaction marker after erasure.
 * Text recorded before sealing is already clear and stays as it is.
 */
export async function openFreeText(
  keyVault: Decrypter,
  clientId: string,
  type: string,
  data: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const opened: Record<string, unknown> = { ...data };
  for (const field of freeTextFieldsOf(type as EventType)) {
    const sealed = sealedOf(opened[field]);
    if (sealed !== undefined) opened[field] = await keyVault.decrypt<string>(clientId, sealed);
  }
  return opened;
}

function sealedOf(value: unknown): string | undefined {
  const sealed = (value as Partial<SealedText> | null | undefined)?.sealed;
  return typeof value === 'object' && typeof sealed === 'string' ? sealed : undefined;
}
