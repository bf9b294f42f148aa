import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblemResponse, AppConfig, ProblemException } from '@samenloop/platform';
import type { SessionView } from '@samenloop/contracts';
import { sessionViewOf } from './viewer';
import { AccountsService } from '../accounts/accounts-service';
import { notSignedIn } from './dashboard-auth.guard';
import { overHttps, type DashboardReply, type DashboardRequest } from './dashboard-request';
import { clearedSessionCookie, sessionTokenOf } from './session-cookie';
import { SameOriginGuard } from './same-origin.guard';
import { SessionsService } from './sessions-service';
import { SignInDto } from '../sign-in/sign-in.dto';
import { SignInLimiter } from '../sign-in/sign-in-limiter';
import { ViewerSessions } from './viewer-sessions';

@ApiTags('dashboard')
@ApiProblemResponse(403, 'cross-origin-request: signing in and out only from the hub’s own pages')
@UseGuards(SameOriginGuard)
@Controller('v1/dashboard/session')
export class SessionController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly limiter: SignInLimiter,
    private readonly sessions: SessionsService,
    private readonly viewers: ViewerSessions,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with a local account; sets the HttpOnly session cookie' })
  @ApiOkResponse({ description: 'The session (SessionView)' })
  @ApiProblemResponse(401, 'invalid-credentials')
  @ApiProblemResponse(429, 'too-many-sign-in-attempts: wait Retry-After seconds')
  async signIn(
    @Body() { username, password }: SignInDto,
    @Req() request: DashboardRequest,
    @Res({ passthrough: true }) reply: DashboardReply,
  ): Promise<SessionView> {
    const now = new Date();
    // The socket's address, or with TRUST_PROXY the client's as the trusted proxies name it.
    const address = request.ip ?? 'unknown';
    await this.limiter.admit(username, address, now);
    const account = await this.accounts.verify(username, password);
    if (!account) {
      throw new ProblemException({
        status: 401,
        type: 'invalid-credentials',
        title: 'Wrong username or password',
      });
    }
    await this.limiter.succeeded(username, address);
    const { displayName, role, partnerId } = account;
    const holder = {
      username: account.username,
      displayName,
      role,
      ...(partnerId === null ? {} : { partnerId }),
    };
    return sessionViewOf(await this.viewers.signIn(holder, request, reply, now));
  }

  @Get()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Who is signed in' })
  @ApiOkResponse({ description: 'The session (SessionView)' })
  @ApiProblemResponse(401, 'Not signed in, or the session expired')
  async current(@Req() request: DashboardRequest): Promise<SessionView> {
    const viewer = await this.viewers.viewerOf(request, new Date());
    if (!viewer) throw notSignedIn();
    return sessionViewOf(viewer);
  }

  @Delete()
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Sign out: ends the session and clears the cookie' })
  @ApiNoContentResponse({ description: 'Signed out (also when no session was open)' })
  async signOut(
    @Req() request: DashboardRequest,
    @Res({ passthrough: true }) reply: DashboardReply,
  ): Promise<void> {
    const token = sessionTokenOf(request.headers.cookie);
    if (token !== undefined) await this.sessions.close(token);
    reply.header('set-cookie', clearedSessionCookie(overHttps(request, this.config.PUBLIC_URL)));
  }
}
