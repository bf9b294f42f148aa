import { lookup } from 'node:dns/promises';
import { Injectable } from '@nestjs/common';

/** The addresses a host name resolves to now: a port, so that tests can play DNS rebinding. */
export abstract class HostResolver {
  abstract resolve(hostname: string): Promise<string[]>;
}

/** The system resolver, as connections use it. */
@Injectable()
export class SystemHostResolver extends HostResolver {
  async resolve(hostname: string): Promise<string[]> {
    return (await lookup(hostname, { all: true, verbatim: true })).map(({ address }) => address);
  }
}
