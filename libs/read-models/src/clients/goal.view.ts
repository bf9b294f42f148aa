import { type KeyVault, REDACTED } from '@samenloop/privacy';
import type { GoalEntity } from '../goals/goal.entity';
import { goalAsSeenBy } from '../goals/goal-visibility';
import type { ClientEventAccess } from './client-access';

const RESTRICTED = { restricted: true } as const;

/**
 * The goals a viewer may see, with descriptions opened with the client's key: restricted where
 * the viewer may not have the free text, or where erasure took it.
 */
export async function goalViews(
  vault: KeyVault,
  goals: readonly GoalEntity[],
  access: ClientEventAccess,
  viewerPartnerId: string,
) {
  const readable = goals.filter(({ setPosition }) => access.readable(setPosition));
  return Promise.all(
    readable.map(async (goal) => ({
      goalId: goal.goalId,
      lifeArea: goal.lifeArea,
      description: access.of(goal.setPosition).omitFields.includes('description')
        ? RESTRICTED
        : await description(vault, goal),
      status: goalAsSeenBy(goal, viewerPartnerId).status,
    })),
  );
}

async function description(
  vault: KeyVault,
  { clientId, description, descriptionSealed }: GoalEntity,
): Promise<string | typeof RESTRICTED> {
  if (description === null) return RESTRICTED;
  if (!descriptionSealed) return description;
  const opened = await vault.decrypt<string>(clientId, description);
  return opened === REDACTED ? RESTRICTED : (opened as string);
}
