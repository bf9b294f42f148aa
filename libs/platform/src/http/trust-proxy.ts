/** Whether the address at `hop` (0: the socket's peer) is a proxy whose forwarding is believed. */
export type TrustedProxy = (address: string, hop: number) => boolean;

/**
 * Fastify's `trustProxy` for TRUST_PROXY: the addresses, CIDRs and proxy-addr names (`loopback`,
 * `uniquelocal`) of the proxies whose X-Forwarded-For, -Proto and -Host are believed, or a hop
 * count (the nearest n hops are proxies, whatever their address). Unset or 0 believes none: the
 * client address is the socket's.
 */
export function trustProxyOption(setting: string | undefined): TrustedProxy | string[] | false {
  if (setting === undefined) return false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    // Fastify itself refuses a bare hop count (it cannot check the peer), so it gets a function.
    return hops === 0 ? false : (_address, hop) => hop < hops;
  }
  return setting.split(',').map((entry) => entry.trim());
}
