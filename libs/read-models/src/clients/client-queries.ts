import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { KeyVault } from '@samenloop/privacy';
import { isEventType, summarize } from '@samenloop/domain';
import { ProblemException } from '@samenloop/platform';
import type { Repository } from 'typeorm';
import { CaseloadClientEntity } from '../caseload/caseload-client.entity';
import { leadOf } from '../caseload/caseload-queries';
import { ClientSummaries } from '../caseload/client-summaries';
import type { ClientDetail, TimelineEntry, TimelinePage } from '@samenloop/contracts';
import { READ_MODELS } from '../database/read-models-data-source';
import { ClientFactsReader } from '../facts/client-facts-reader';
import type { LifeAreaAssessmentEntity } from '../life-areas/life-area-assessment.entity';
import { signalViews } from '../signals/signal.view';
import type { Shown } from '../viewer/dashboard-access-log';
import { DisplayNames } from '../viewer/display-names';
import { PartnerDirectory, type PartnerNames } from '../viewer/partner-directory';
import type { CaseLead } from '@samenloop/identity';
import { ViewerAgreements } from '../viewer/viewer-agreements';
import { ViewerReferences } from '../viewer/viewer-references';
import type { Lang } from '@samenloop/domain';
import { ClientAccess } from './client-access';
import { goalViews } from './goal.view';
import { readClientTimeline } from './timeline-rows';

const DAY_MS = 86_400_000;

interface OpenedClient<C> {
  client: C;
  partners: PartnerNames;
}

/** The latest score per life area over the readable assessments, with the latest one's instrument. */
function latestScores(assessments: readonly LifeAreaAssessmentEntity[]): ClientDetail['lifeAreas'] {
  const latest = assessments[assessments.length - 1];
  if (!latest) return null;
  const scores = Object.assign({}, ...assessments.map((assessment) => assessment.scores)) as Record<
    string,
    number
  >;
  return { instrument: latest.instrument, at: latest.at.toISOString(), scores };
}

/**
 * One client as a case lead sees it, addressed by the lead's partner's own reference: 404 for a
 * client that partner is not involved with. Every event behind what is shown is checked with the
 * sharing policy (`ClientAccess`), from what the timeline projection settled as it happened.
 */
@Injectable()
export class ClientQueries {
  constructor(
    @InjectRepository(CaseloadClientEntity, READ_MODELS)
    private readonly clients: Repository<CaseloadClientEntity>,
    private readonly facts: ClientFactsReader,
    private readonly summaries: ClientSummaries,
    private readonly access: ClientAccess,
    private readonly agreements: ViewerAgreements,
    private readonly directory: PartnerDirectory,
    private readonly references: ViewerReferences,
    private readonly names: DisplayNames,
    private readonly vault: KeyVault,
  ) {}

  async detail(
    viewer: CaseLead,
    reference: string,
    lang: Lang,
    now: Date,
  ): Promise<Shown<ClientDetail>> {
    const { client, partners } = await this.open(viewer, reference, (clientId) =>
      this.clients.findOneBy({ clientId }),
    );
    const ids = [client.clientId];
    const categories = this.agreements.categoriesOf(viewer);
    const [access, ladder, assessments, referrals, goals, [summary], names] = await Promise.all([
      this.access.of(viewer, client, partners),
      this.facts.ladderSteps(ids, undefined),
      this.facts.assessments(ids, undefined),
      this.facts.referrals(ids),
      this.facts.goals(ids, undefined),
      this.summaries.of([client], { partnerId: viewer.partner.id, categories, now }),
      this.names.of([client], this.agreements.identityShownTo(viewer)),
    ]);
    const lead = leadOf(client, partners);
    const answer: ClientDetail = {
      reference,
      displayName: names.get(client.clientId)!,
      status: client.status,
      municipality: client.municipality,
      ...(lead ? { lead } : {}),
      involvedPartners: client.involved.map((id) => partners.ref(id)),
      ladder: ladder
        .get(client.clientId)!
        .filter(({ position }) => access.readable(position))
        .map(({ rung, at, partnerId }) => ({ rung, at: at.toISOString(), partnerId })),
      lifeAreas: latestScores(
        assessments.get(client.clientId)!.filter(({ position }) => access.readable(position)),
      ),
      referrals: referrals
        .get(client.clientId)!
        .filter(({ madePosition }) => access.readable(madePosition))
        .map((referral) => ({
          referralId: referral.referralId,
          service: referral.service,
          fromPartnerId: referral.fromPartner,
          ...(referral.toPartner === null ? {} : { toPartnerId: referral.toPartner }),
          status: referral.status,
          madeAt: referral.madeAt.toISOString(),
          ageDays: Math.max(0, Math.floor((now.getTime() - referral.madeAt.getTime()) / DAY_MS)),
        })),
      goals: await goalViews(this.vault, goals.get(client.clientId)!, access, viewer.partner.id),
      signals: signalViews(summary!.signals, lang, partners.name, now),
    };
    return { answer, clientIds: ids };
  }

  async timeline(viewer: CaseLead, reference: string, lang: Lang): Promise<Shown<TimelinePage>> {
    const { client, partners } = await this.open(viewer, reference, (clientId) =>
      readClientTimeline(this.clients.manager, clientId),
    );
    const { entries } = client;
    const access = this.access.over(viewer, client, partners, entries);
    const answer: TimelinePage = {
      entries: entries.map((entry): TimelineEntry => {
        const shown = {
          position: entry.position,
          occurredAt: entry.occurredAt,
          partner: partners.ref(entry.partnerId),
        };
        if (!access.readable(entry.position) || !isEventType(entry.type))
          return { ...shown, restricted: true };
        return {
          ...shown,
          restricted: false,
          type: entry.type,
          category: entry.category,
          ...(entry.actor === null ? {} : { actor: entry.actor }),
          summary: summarize(entry.type, entry.details, lang, partners.name),
        };
      }),
    };
    return { answer, clientIds: [client.clientId] };
  }

  /** The client by the viewer's reference, as `read` reads it, if the viewer's partner is involved. */
  private async open<C extends Pick<CaseloadClientEntity, 'involved'>>(
    viewer: CaseLead,
    reference: string,
    read: (clientId: string) => Promise<C | null | undefined>,
  ): Promise<OpenedClient<C>> {
    const clientId = await this.references.resolve(viewer.partner.id, reference);
    if (clientId === undefined) throw unknownClient();
    const [client, partners] = await Promise.all([read(clientId), this.directory.load()]);
    if (!client?.involved.includes(viewer.partner.id)) throw unknownClient();
    return { client, partners };
  }
}

function unknownClient(): ProblemException {
  return new ProblemException({
    status: 404,
    type: 'unknown-client',
    title: 'Unknown client',
    detail: 'your partner is involved with no client by this reference',
  });
}
