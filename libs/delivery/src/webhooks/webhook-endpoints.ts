import { isIP, type LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@samenloop/platform';
import { bareHost, refusal, WebhookAddressPolicy } from './webhook-address.policy';
import { HostResolver } from './host-resolver';

/** Why a connection was refused; only ever logged, never shown to the partner. */
export class RefusedAddressError extends Error {
  readonly code = 'EWEBHOOKREFUSED';
  constructor(hostname: string, addresses: readonly string[]) {
    super(`${hostname} resolves to no address a webhook may reach (${addresses.join(', ')})`);
  }
}

/**
 * Decides which endpoints webhooks may reach, when a partner subscribes and again at every
 * connection: the name is resolved then and only allowed addresses are handed to the socket, so a
 * name that turned private since (DNS rebinding) is refused all the same.
 */
@Injectable()
export class WebhookEndpoints {
  private readonly policy: WebhookAddressPolicy;

  constructor(
    config: AppConfig,
    private readonly resolver: HostResolver,
  ) {
    this.policy = new WebhookAddressPolicy(config.WEBHOOK_ALLOW_LOOPBACK_HTTP === 'on');
  }

  /** Why `url` (already a valid absolute http(s) URL) cannot be subscribed, or undefined. */
  async urlProblem(url: string): Promise<string | undefined> {
    const { hostname, protocol } = new URL(url);
    const problem = this.policy.hostProblem(hostname, protocol);
    if (problem !== undefined || isIP(bareHost(hostname)) !== 0) return problem;
    const addresses = await this.resolver.resolve(hostname).catch(() => []);
    const allowed = addresses.every((address) => this.policy.allows(address, protocol));
    return addresses.length > 0 && allowed ? undefined : refusal(protocol);
  }

  /** Why a connection to `url` is refused before it starts (scheme, literal address, name). */
  connectProblem(url: URL): string | undefined {
    return this.policy.hostProblem(url.hostname, url.protocol);
  }

  /** The look-up for the sockets of `protocol`: resolves, then keeps the allowed addresses only. */
  lookupFor(protocol: string): LookupFunction {
    return (hostname, options, callback) => {
      const wanted = familyNumber(options.family);
      this.resolver.resolve(hostname).then(
        (addresses) => {
          const allowed = addresses
            .filter((address) => this.policy.allows(address, protocol))
            .map((address) => ({ address, family: isIP(address) }))
            .filter(({ family }) => wanted === 0 || family === wanted);
          if (allowed.length === 0) {
            callback(new RefusedAddressError(hostname, addresses), '', 0);
          } else if (options.all) {
            callback(null, allowed);
          } else {
            callback(null, allowed[0]!.address, allowed[0]!.family);
          }
        },
        (error: NodeJS.ErrnoException) => callback(error, '', 0),
      );
    };
  }

  /** The address a socket actually connected to, checked once more. */
  allowsConnected(address: string | undefined, protocol: string): boolean {
    return address !== undefined && this.policy.allows(address, protocol);
  }
}

function familyNumber(family: number | 'IPv4' | 'IPv6' | undefined): number {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return family ?? 0;
}
