import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, AppConfig, ProblemException } from '@samenloop/platform';
import type { DashboardReply, DashboardRequest } from '../sessions/dashboard-request';
import { overHttps } from '../sessions/dashboard-request';
import { ViewerSessions } from '../sessions/viewer-sessions';
import { bindingCookie, bindingHash, bindingOf, newBinding } from './oidc-browser-binding';
import { holderOf } from './oidc-claims';
import { OidcClient, signInFailed } from './oidc.client';
import { OidcLoginsStore } from './oidc-logins.store';
import { safeReturnTo } from './oidc-return-to';

interface RedirectReply extends DashboardReply {
  code(status: number): RedirectReply;
  send(): unknown;
}

@ApiTags('dashboard')
@Controller('v1/auth/oidc')
export class OidcController {
  constructor(
    private readonly client: OidcClient,
    private readonly logins: OidcLoginsStore,
    private readonly viewers: ViewerSessions,
    private readonly config: AppConfig,
  ) {}

  @Get('login')
  @ApiOperation({ summary: 'Sign in with the organisation’s identity provider (redirects there)' })
  @ApiQuery({
    name: 'returnTo',
    required: false,
    description: 'A dashboard path to come back to (else /dashboard/)',
  })
  @ApiFoundResponse({ description: 'To the issuer’s authorization endpoint' })
  @ApiProblemResponse(404, 'oidc-not-configured')
  async login(
    @Query('returnTo') returnTo: unknown,
    @Req() request: DashboardRequest,
    @Res() reply: RedirectReply,
  ): Promise<void> {
    const settings = this.client.configured;
    const authorization = this.client.newRequest();
    const binding = newBinding();
    await this.logins.save(
      {
        request: authorization,
        browserBindingHash: binding.hash,
        returnTo: safeReturnTo(returnTo, settings.origin),
      },
      new Date(),
    );
    const location = await this.client.authorizationUrl(authorization);
    reply.header('set-cookie', bindingCookie(binding.value, this.secure(request)));
    redirect(reply, location);
  }

  @Get('callback')
  @ApiOperation({
    summary: 'Where the identity provider sends the browser back; opens the session',
  })
  @ApiFoundResponse({ description: 'Signed in: back to the dashboard, with the session cookie' })
  @ApiProblemResponse(
    400,
    'oidc-state-invalid: unknown, used or expired sign-in, or another browser started it',
  )
  @ApiProblemResponse(401, 'oidc-sign-in-failed')
  @ApiProblemResponse(403, 'oidc-role-missing or partner-not-active')
  async callback(
    @Query() query: Record<string, unknown>,
    @Req() request: DashboardRequest,
    @Res() reply: RedirectReply,
  ): Promise<void> {
    const settings = this.client.configured;
    const now = new Date();
    const binding = bindingOf(request.headers.cookie);
    // Used or not, the binding is done with: the browser forgets it.
    reply.header('set-cookie', bindingCookie('', this.secure(request)));
    const login =
      typeof query.state === 'string' && binding !== undefined
        ? await this.logins.take(query.state, bindingHash(binding), now)
        : undefined;
    if (!login) {
      throw new ProblemException({
        status: 400,
        type: 'oidc-state-invalid',
        title: 'Unknown sign-in',
        detail:
          'this sign-in is unknown, was used already, took too long or was started in another browser; start again',
      });
    }
    if (typeof query.error === 'string')
      throw signInFailed(`the identity provider answered ${query.error}`);
    if (typeof query.code !== 'string') throw signInFailed('the identity provider sent no code');
    const claims = await this.client.signIn(query.code, login);
    await this.viewers.signIn(holderOf(claims, settings), request, reply, now);
    redirect(reply, login.returnTo);
  }

  private secure(request: DashboardRequest): boolean {
    return overHttps(request, this.config.PUBLIC_URL);
  }
}

function redirect(reply: RedirectReply, location: string): void {
  reply.code(302).header('location', location);
  reply.send();
}
