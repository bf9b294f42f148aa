import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, ProblemException } from '@samenloop/platform';
import type { DashboardReply, DashboardRequest } from '../dashboard.request';
import { overHttps } from '../dashboard.request';
import { ViewerSessions } from '../viewer-sessions';
import { holderOf } from './oidc.claims';
import { OidcClient, signInFailed } from './oidc.client';
import { OidcLoginsStore } from './oidc-logins.store';

const CALLBACK = 'v1/auth/oidc/callback';

interface RedirectReply extends DashboardReply {
  code(status: number): RedirectReply;
  send(): unknown;
}

/** Only a path on this host: never a redirect to elsewhere. */
function localPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

@ApiTags('dashboard')
@Controller('v1/auth/oidc')
export class OidcController {
  constructor(
    private readonly client: OidcClient,
    private readonly logins: OidcLoginsStore,
    private readonly viewers: ViewerSessions,
  ) {}

  @Get('login')
  @ApiOperation({ summary: 'Sign in with the organisation’s identity provider (redirects there)' })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A path to come back to' })
  @ApiFoundResponse({ description: 'To the issuer’s authorization endpoint' })
  @ApiProblemResponse(404, 'oidc-not-configured')
  async login(
    @Query('returnTo') returnTo: unknown,
    @Req() request: DashboardRequest,
    @Res() reply: RedirectReply,
  ): Promise<void> {
    const settings = this.client.configured;
    const authorization = this.client.newRequest(settings.redirectUri ?? callbackOf(request));
    await this.logins.save(authorization, localPath(returnTo), new Date());
    redirect(reply, await this.client.authorizationUrl(authorization));
  }

  @Get('callback')
  @ApiOperation({
    summary: 'Where the identity provider sends the browser back; opens the session',
  })
  @ApiFoundResponse({ description: 'Signed in: back to the dashboard, with the session cookie' })
  @ApiProblemResponse(400, 'oidc-state-invalid: unknown, used or expired sign-in')
  @ApiProblemResponse(401, 'oidc-sign-in-failed')
  @ApiProblemResponse(403, 'oidc-role-missing or partner-not-active')
  async callback(
    @Query() query: Record<string, unknown>,
    @Req() request: DashboardRequest,
    @Res() reply: RedirectReply,
  ): Promise<void> {
    const settings = this.client.configured;
    const now = new Date();
    const login =
      typeof query.state === 'string' ? await this.logins.take(query.state, now) : undefined;
    if (!login) {
      throw new ProblemException({
        status: 400,
        type: 'oidc-state-invalid',
        title: 'Unknown sign-in',
        detail: 'this sign-in is unknown, was used already or took too long; start again',
      });
    }
    if (typeof query.error === 'string')
      throw signInFailed(`the identity provider answered ${query.error}`);
    if (typeof query.code !== 'string') throw signInFailed('the identity provider sent no code');
    const claims = await this.client.signIn(query.code, login);
    await this.viewers.signIn(holderOf(claims, settings), request, reply, now);
    redirect(reply, login.returnTo);
  }
}

function callbackOf(request: DashboardRequest): string {
  const host = request.headers['x-forwarded-host'] ?? request.headers.host;
  return `${overHttps(request) ? 'https' : 'http'}://${String(host)}/${CALLBACK}`;
}

function redirect(reply: RedirectReply, location: string): void {
  reply.code(302).header('location', location);
  reply.send();
}
