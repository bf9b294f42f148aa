import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { READ_MODELS } from '../../database/read-models.data-source';
import type { AuthorizationRequest } from './oidc.client';
import { OidcLoginEntity } from './oidc-login.entity';

/** How long the professional has at the identity provider. */
const LOGIN_MINUTES = 10;

/** Sign-ins under way at the issuer, in the database so that any hub instance takes the callback. */
@Injectable()
export class OidcLoginsStore {
  constructor(
    @InjectRepository(OidcLoginEntity, READ_MODELS)
    private readonly logins: Repository<OidcLoginEntity>,
  ) {}

  async save(request: AuthorizationRequest, returnTo: string, now: Date): Promise<void> {
    await this.logins.delete({ expiresAt: LessThan(now) });
    await this.logins.insert({
      ...request,
      returnTo,
      expiresAt: new Date(now.getTime() + LOGIN_MINUTES * 60_000),
    });
  }

  /** The sign-in a callback's `state` names, taken so that it cannot be used twice. */
  async take(
    state: string,
    now: Date,
  ): Promise<(AuthorizationRequest & { returnTo: string }) | undefined> {
    const login = await this.logins.findOneBy({ state });
    if (!login) return undefined;
    const { affected } = await this.logins.delete({ state });
    if (affected !== 1 || login.expiresAt <= now) return undefined;
    const { nonce, codeVerifier, redirectUri, returnTo } = login;
    return { state, nonce, codeVerifier, redirectUri, returnTo };
  }
}
