import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Names of cloud metadata services: they answer with the host's credentials, and some resolve
 * to public-looking addresses inside the cloud, so the name alone is refused.
 */
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
]);

const ADDRESS_PROBLEM =
  'url must name a host that resolves to public addresses only: loopback, private, link-local, ' +
  'shared, multicast and metadata addresses are refused';
const HTTPS_PROBLEM = 'url must use https';

/**
 * Where webhooks may go: public unicast addresses over https, and loopback (over http too) only
 * when WEBHOOK_ALLOW_LOOPBACK_HTTP is on, for development and tests. Everything else (private,
 * link-local, CGNAT, unspecified, multicast, reserved, IPv4-mapped or -embedding IPv6 of those)
 * would let a partner reach the hub's own network.
 */
export class WebhookAddressPolicy {
  constructor(private readonly allowLoopback: boolean) {}

  /** Whether a webhook may connect to `address` (an IP literal) for a URL with `protocol`. */
  allows(address: string, protocol: string): boolean {
    const range = rangeOf(address);
    if (range === 'loopback') return this.allowLoopback;
    return protocol === 'https:' && range === 'unicast';
  }

  /** Why a host name (or literal) of a URL with `protocol` is refused before any look-up. */
  hostProblem(hostname: string, protocol: string): string | undefined {
    const host = bareHost(hostname);
    if (METADATA_HOSTS.has(host.replace(/\.$/, '').toLowerCase())) return ADDRESS_PROBLEM;
    if (isIP(host) !== 0) return this.allows(host, protocol) ? undefined : refusal(protocol);
    if (protocol !== 'https:' && !this.allowLoopback) return HTTPS_PROBLEM;
    return undefined;
  }
}

/** What a partner is told when an address is refused for a URL with `protocol`. */
export function refusal(protocol: string): string {
  return protocol === 'https:' ? ADDRESS_PROBLEM : HTTPS_PROBLEM;
}

/** URL.hostname keeps the brackets of an IPv6 literal. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** ipaddr.js's range name; `process` turns an IPv4-mapped IPv6 address into its IPv4 one. */
function rangeOf(address: string): string {
  try {
    return ipaddr.process(bareHost(address)).range();
  } catch {
    return 'invalid';
  }
}
