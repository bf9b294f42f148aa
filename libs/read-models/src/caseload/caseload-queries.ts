import { Injectable } from '@nestjs/common';
import type { DataCategory, Lang } from '@samenloop/domain';
import type { CaseloadPage, CaseloadQuery, CaseloadRow } from '@samenloop/contracts';
import { signalViews } from '../signals/signal.view';
import { DisplayNames } from '../viewer/display-names';
import type { Shown } from '../viewer/dashboard-access-log';
import { PartnerDirectory, type PartnerNames } from '../viewer/partner-directory';
import type { CaseLead } from '@samenloop/identity';
import { ViewerAgreements } from '../viewer/viewer-agreements';
import { ViewerReferences } from '../viewer/viewer-references';
import type { CaseloadClientEntity } from './caseload-client.entity';
import { CaseloadSelection } from './caseload-selection';
import { ClientSummaries, type ClientSummary } from './client-summaries';

type Draft = Omit<CaseloadRow, 'reference' | 'displayName'> & { clientId: string };

export function leadOf(
  client: Pick<CaseloadClientEntity, 'leadPartner' | 'leadActor'>,
  partners: PartnerNames,
): CaseloadRow['lead'] {
  if (client.leadPartner === null) return undefined;
  return {
    partnerId: client.leadPartner,
    partnerName: partners.name(client.leadPartner),
    actor: client.leadActor ?? '',
  };
}

interface DraftContext {
  viewerPartnerId: string;
  categories: ReadonlySet<DataCategory>;
  partners: PartnerNames;
  lang: Lang;
  now: Date;
}

/** A caseload row without the reference and name, which are looked up for the page alone. */
function draftOf(summary: ClientSummary, context: DraftContext): Draft {
  const { client } = summary;
  const { categories, partners } = context;
  const contact = categories.has('contact');
  const lead = leadOf(client, partners);
  return {
    clientId: client.clientId,
    status: client.status,
    ...(lead ? { lead } : {}),
    ledByViewer: client.leadPartner === context.viewerPartnerId,
    involvedPartners: client.involved.map((id) => partners.ref(id)),
    ...(summary.firstRung === undefined ? {} : { firstRung: summary.firstRung }),
    ...(summary.currentRung === undefined ? {} : { currentRung: summary.currentRung }),
    ...(contact && client.lastContactAt
      ? { lastContactAt: client.lastContactAt.toISOString() }
      : {}),
    attemptsSinceLastContact: contact ? client.attemptsSinceContact.length : 0,
    openReferrals: categories.has('referral') ? client.openReferrals : 0,
    openGoals: summary.openGoals,
    reachedGoals: summary.reachedGoals,
    signals: signalViews(summary.signals, context.lang, partners.name, context.now),
  };
}

/**
 * A case lead's caseload: the clients its partner is involved with (or leads, `scope=mine`),
 * filtered, sorted and paged in the database at the request's time; the page's clients alone are
 * then summarised, named and given their references, so a request costs the page, not the
 * caseload.
 */
@Injectable()
export class CaseloadQueries {
  constructor(
    private readonly selection: CaseloadSelection,
    private readonly summaries: ClientSummaries,
    private readonly agreements: ViewerAgreements,
    private readonly directory: PartnerDirectory,
    private readonly references: ViewerReferences,
    private readonly names: DisplayNames,
  ) {}

  async page(
    viewer: CaseLead,
    query: CaseloadQuery & { lang?: Lang },
    now: Date,
  ): Promise<Shown<CaseloadPage>> {
    const viewerPartnerId = viewer.partner.id;
    const categories = this.agreements.categoriesOf(viewer);
    const [{ total, clients }, partners] = await Promise.all([
      this.selection.page({ partnerId: viewerPartnerId, categories, now }, query),
      this.directory.load(),
    ]);
    const [summaries, references, names] = await Promise.all([
      this.summaries.of(clients, { partnerId: viewerPartnerId, categories, now }),
      this.references.of(viewerPartnerId, clients),
      this.names.of(clients, this.agreements.identityShownTo(viewer)),
    ]);
    const context = { viewerPartnerId, categories, partners, lang: query.lang ?? 'nl', now };
    const answer = {
      total,
      rows: summaries.map((summary) => {
        const { clientId, ...draft } = draftOf(summary, context);
        return {
          reference: references.get(clientId)!,
          displayName: names.get(clientId)!,
          ...draft,
        };
      }),
    };
    return { answer, clientIds: clients.map(({ clientId }) => clientId) };
  }
}
