import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DataCategory } from '@samenloop/domain';
import type { Repository } from 'typeorm';
import type { CaseloadPage, CaseloadQuery, CaseloadRow } from '../dashboard/dashboard.contract';
import { READ_MODELS } from '../database/read-models.data-source';
import { signalViews } from '../signals/signal.view';
import { DisplayNames } from '../viewer/display-names';
import { PartnerDirectory, type PartnerNames } from '../viewer/partner-directory';
import type { CaseLead } from '../viewer/viewer';
import { ViewerAgreements } from '../viewer/viewer-agreements';
import { ViewerReferences } from '../viewer/viewer-references';
import type { Lang } from '../vocabulary/labels';
import { CaseloadClientEntity } from './caseload-client.entity';
import { ClientSummaries, type ClientSummary } from './client-summaries';

type Sort = NonNullable<CaseloadQuery['sort']>;
type Draft = Omit<CaseloadRow, 'reference' | 'displayName'> & { clientId: string };

const DEFAULT_LIMIT = 50;

export function leadOf(client: CaseloadClientEntity, partners: PartnerNames): CaseloadRow['lead'] {
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

/** Missing values sort last whichever the order. */
function comparator(
  sort: Sort,
  descending: boolean,
  references: ReadonlyMap<string, string> | undefined,
) {
  const value = (draft: Draft): string | number | undefined => {
    switch (sort) {
      case 'reference':
        return references?.get(draft.clientId);
      case 'lastContactAt':
        return draft.lastContactAt;
      case 'currentRung':
        return draft.currentRung;
      case 'signals':
        return draft.signals.length;
      case 'openReferrals':
        return draft.openReferrals;
    }
  };
  return (a: Draft, b: Draft): number => {
    const [x, y] = [value(a), value(b)];
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
    } else if (x !== y) {
      const order =
        typeof x === 'string' || typeof y === 'string'
          ? String(x).localeCompare(String(y), 'nl', { numeric: true })
          : x - y;
      return descending ? -order : order;
    }
    return a.clientId.localeCompare(b.clientId);
  };
}

/**
 * A case lead's caseload: the clients its partner is involved with (or leads, `scope=mine`), from
 * a fixed number of queries whatever the caseload's size; signals, filters and sorting are applied
 * in memory with the request's clock, names and references looked up for the page only.
 */
@Injectable()
export class CaseloadQueries {
  constructor(
    @InjectRepository(CaseloadClientEntity, READ_MODELS)
    private readonly clients: Repository<CaseloadClientEntity>,
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
  ): Promise<CaseloadPage> {
    const viewerPartnerId = viewer.partner.id;
    const categories = this.agreements.categoriesOf(viewer);
    const [clients, partners] = await Promise.all([
      this.selection(viewerPartnerId, query),
      this.directory.load(),
    ]);
    const summaries = await this.summaries.of(clients, {
      partnerId: viewerPartnerId,
      categories,
      now,
    });
    const context = { viewerPartnerId, categories, partners, lang: query.lang ?? 'nl', now };
    const byId = new Map(clients.map((client) => [client.clientId, client]));
    let drafts = summaries.map((summary) => draftOf(summary, context));
    if (query.signal)
      drafts = drafts.filter(({ signals }) => signals.some(({ rule }) => rule === query.signal));

    const sort = query.sort ?? 'signals';
    const search = query.search?.trim().toLowerCase();
    // Sorting or searching by reference needs every reference; otherwise only the page's.
    let references =
      sort === 'reference' || search
        ? await this.references.of(
            viewerPartnerId,
            drafts.map(({ clientId }) => byId.get(clientId)!),
          )
        : undefined;
    if (search)
      drafts = drafts.filter(({ clientId }) =>
        references!.get(clientId)!.toLowerCase().includes(search),
      );
    drafts.sort(
      comparator(
        sort,
        (query.order ?? (sort === 'reference' ? 'asc' : 'desc')) === 'desc',
        references,
      ),
    );

    const offset = query.offset ?? 0;
    const page = drafts.slice(offset, offset + (query.limit ?? DEFAULT_LIMIT));
    const pageClients = page.map(({ clientId }) => byId.get(clientId)!);
    references ??= await this.references.of(viewerPartnerId, pageClients);
    const names = await this.names.of(pageClients, categories.has('identity'));
    return {
      total: drafts.length,
      rows: page.map(({ clientId, ...draft }) => ({
        reference: references.get(clientId)!,
        displayName: names.get(clientId)!,
        ...draft,
      })),
    };
  }

  private selection(partnerId: string, query: CaseloadQuery): Promise<CaseloadClientEntity[]> {
    // `@>` rather than `= ANY`: the GIN index on `involved` serves it.
    const selection = this.clients
      .createQueryBuilder('c')
      .where('c.involved @> ARRAY[:partnerId]::text[]', { partnerId });
    if (query.scope === 'mine') selection.andWhere('c.leadPartner = :partnerId');
    if (query.status) selection.andWhere('c.status = :status', { status: query.status });
    return selection.getMany();
  }
}
