import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { IDENTITY } from '../identity-data-source';
import type { AuthorizationRequest } from './oidc.client';
import { OidcLoginEntity } from './oidc-login.entity';

/** How long the professional has at the identity provider. */
const LOGIN_MINUTES = 10;

export interface PendingLogin {
  request: AuthorizationRequest;
  browserBindingHash: string;
  returnTo: string;
}

/** Sign-ins under way at the issuer, in the database so that any hub instance takes the callback. */
@Injectable()
export class OidcLoginsStore {
  constructor(
    @InjectRepository(OidcLoginEntity, IDENTITY)
    private readonly logins: Repository<OidcLoginEntity>,
  ) {}

  async save({ request, browserBindingHash, returnTo }: PendingLogin, now: Date): Promise<void> {
    await this.logins.delete({ expiresAt: LessThan(now) });
    await this.logins.insert({
      ...request,
      browserBindingHash,
      returnTo,
      expiresAt: new Date(now.getTime() + LOGIN_MINUTES * 60_000),
    });
  }

  /**
   * The sign-in a callback's `state` names, when the browser brings that sign-in's binding;
   * taken in one statement, so that it is used once at most.
   */
  async take(
    state: string,
    browserBindingHash: string,
    now: Date,
  ): Promise<(AuthorizationRequest & { returnTo: string }) | undefined> {
    const [rows] = (await this.logins.query(
      `DELETE FROM dashboard_oidc_logins
        WHERE state = $1 AND browser_binding_hash = $2
        RETURNING nonce, code_verifier, redirect_uri, return_to, expires_at`,
      [state, browserBindingHash],
    )) as [
      {
        nonce: string;
        code_verifier: string;
        redirect_uri: string;
        return_to: string;
        expires_at: Date;
      }[],
      number,
    ];
    const login = rows[0];
    if (!login || login.expires_at <= now) return undefined;
    return {
      state,
      nonce: login.nonce,
      codeVerifier: login.code_verifier,
      redirectUri: login.redirect_uri,
      returnTo: login.return_to,
    };
  }
}
