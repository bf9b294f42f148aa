import { Injectable } from '@nestjs/common';
import { AppConfig, ProblemException } from '@samenloop/platform';
import { PartnerRegistry } from '@samenloop/sharing';
import type { Viewer } from './viewer';
import { overHttps, type DashboardReply, type DashboardRequest } from './dashboard-request';
import { sessionCookie, sessionTokenOf } from './session-cookie';
import { SessionsService, type SessionHolder } from './sessions-service';

/** Signs professionals in and finds who a request's session cookie belongs to. */
@Injectable()
export class ViewerSessions {
  constructor(
    private readonly sessions: SessionsService,
    private readonly partners: PartnerRegistry,
    private readonly config: AppConfig,
  ) {}

  async viewerOf(request: DashboardRequest, now: Date): Promise<Viewer | undefined> {
    const token = sessionTokenOf(request.headers.cookie);
    const session = token === undefined ? null : await this.sessions.find(token, now);
    if (!session) return undefined;
    const { username, displayName, role, partnerId } = session;
    return this.viewerFor({
      username,
      displayName,
      role,
      ...(partnerId === null ? {} : { partnerId }),
    });
  }

  /** Opens a session for `holder` and sets its cookie; the viewer it signs in. */
  async signIn(
    holder: SessionHolder,
    request: DashboardRequest,
    reply: DashboardReply,
    now: Date,
  ): Promise<Viewer> {
    const viewer = await this.viewerFor(holder);
    if (!viewer) {
      throw new ProblemException({
        status: 403,
        type: 'partner-not-active',
        title: 'Partner not active',
        detail: 'the partner you work for is not registered, or no longer',
      });
    }
    const { token, maxAgeSeconds } = await this.sessions.open(holder, now);
    reply.header(
      'set-cookie',
      sessionCookie(token, maxAgeSeconds, overHttps(request, this.config.PUBLIC_URL)),
    );
    return viewer;
  }

  /** The partner as the registry has it now: a revoked partner's professionals lose access with it. */
  private async viewerFor({
    username,
    displayName,
    role,
    partnerId,
  }: SessionHolder): Promise<Viewer | undefined> {
    if (partnerId === undefined) return { username, displayName, role };
    const partner = await this.partners.find(partnerId);
    if (!partner) return undefined;
    return {
      username,
      displayName,
      role,
      partner: { id: partner.id, kind: partner.kind, name: partner.name },
    };
  }
}
