import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { ServerResponse } from 'node:http';

/**
 * Ends long-polls and event streams when the hub stops: the HTTP server closes only once every
 * response is done, and an event stream is never done by itself.
 */
@Injectable()
export class DeliveryShutdown implements OnModuleDestroy {
  private readonly stopping = new AbortController();

  /** Aborted when the client leaves or the hub stops. */
  whileOpen(response: ServerResponse): AbortSignal {
    const closed = new AbortController();
    response.once('close', () => closed.abort());
    return AbortSignal.any([closed.signal, this.stopping.signal]);
  }

  onModuleDestroy(): void {
    this.stopping.abort();
  }
}
