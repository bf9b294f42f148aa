import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@samenloop/platform';
import { PartnerRegistry } from '@samenloop/sharing';
import { PostgresPartnerFeed } from '../feed/postgres-partner-feed';

/** One open event stream's hold on its partner's slots and on the token that opened it. */
export interface StreamLease {
  /** Aborted once the token that opened the stream is rotated or revoked. */
  readonly signal: AbortSignal;
  /** Whether that token still authenticates this partner; aborts `signal` when it does not. */
  authorized(): Promise<boolean>;
  release(): void;
}

/** Whether `token` still authenticates `partnerId`: neither rotated nor revoked since. */
export async function tokenHolds(
  partners: PartnerRegistry,
  partnerId: string,
  token: string,
): Promise<boolean> {
  return (await partners.authenticate(token))?.id === partnerId;
}

class OpenStream implements StreamLease {
  private readonly ended = new AbortController();
  readonly signal = this.ended.signal;

  constructor(
    readonly partnerId: string,
    private readonly token: string,
    private readonly partners: PartnerRegistry,
    readonly release: () => void,
  ) {}

  async authorized(): Promise<boolean> {
    if (this.signal.aborted) return false;
    if (await tokenHolds(this.partners, this.partnerId, this.token)) return true;
    this.ended.abort();
    return false;
  }
}

/**
 * The event streams open in this process, per partner: at most SSE_MAX_STREAMS each, and each
 * ended within moments of its token being rotated or revoked, heard through PostgreSQL NOTIFY
 * (so in every hub process). Counted per process: a process that dies takes its streams and
 * their slots with it, and with several API replicas a partner may hold the cap on each.
 */
@Injectable()
export class OpenStreams implements OnModuleDestroy {
  private readonly logger = new Logger(OpenStreams.name);
  private readonly byPartner = new Map<string, Set<OpenStream>>();
  private readonly unlisten: () => void;

  constructor(
    private readonly feed: PostgresPartnerFeed,
    private readonly partners: PartnerRegistry,
    private readonly config: AppConfig,
  ) {
    this.unlisten = feed.onCredentialsChanged((partnerId) => this.recheck(partnerId));
  }

  get maxPerPartner(): number {
    return this.config.SSE_MAX_STREAMS;
  }

  /**
   * A slot for a stream of `partnerId` opened with `token`, or undefined when it holds the most.
   * Resolves once this process listens for credential changes, so none is missed from then on.
   */
  async open(partnerId: string, token: string): Promise<StreamLease | undefined> {
    await this.feed.listen();
    const streams = this.byPartner.get(partnerId) ?? new Set<OpenStream>();
    if (streams.size >= this.maxPerPartner) return undefined;
    const stream = new OpenStream(partnerId, token, this.partners, () => {
      streams.delete(stream);
      if (streams.size === 0) this.byPartner.delete(partnerId);
    });
    streams.add(stream);
    this.byPartner.set(partnerId, streams);
    return stream;
  }

  onModuleDestroy(): void {
    this.unlisten();
  }

  /** Every stream of `partnerId`, or of every partner when notices may have been lost. */
  private recheck(partnerId: string | undefined): void {
    const streams =
      partnerId === undefined
        ? [...this.byPartner.values()].flatMap((set) => [...set])
        : [...(this.byPartner.get(partnerId) ?? [])];
    for (const stream of streams) {
      // Unable to tell now (the database is away): the check before the next write decides.
      stream.authorized().catch((error: Error) => {
        this.logger.warn(`could not re-check a stream of ${stream.partnerId}: ${error.message}`);
      });
    }
  }
}
