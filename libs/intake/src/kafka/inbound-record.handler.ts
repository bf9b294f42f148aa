import { HttpException, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { validateCloudEvent } from '@samenloop/contracts';
import { ProblemException } from '@samenloop/platform';
import { Clock } from '../clock.port';
import {
  RecordPartnerEventCommand,
  type Publisher,
} from '../record-event/record-partner-event.command';
import { decodeInboundRecord } from './inbound-record.decoder';
import { kafkaIntakeProblems } from './kafka-intake.problems';
import { recordUri, type InboundRecord } from './inbound.record';

export type InboundOutcome =
  | { recorded: true; status: 200 | 201 }
  /** `event`: what could be decoded, to reference the refused event by its attributes. */
  | { recorded: false; event: unknown; refusal: HttpException };

/**
 * One inbound record through the HTTP intake's path: decoded, validated with
 * `validateCloudEvent`, and recorded with `RecordPartnerEventCommand` as the topic's owner (so the
 * command's source check refuses a `source` naming another partner). Refusals meant for the
 * partner come back as an outcome; anything else (the database away, a conflict to retry) is
 * thrown, for the caller to retry the same record.
 */
@Injectable()
export class InboundRecordHandler {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  async handle(owner: Publisher, record: InboundRecord): Promise<InboundOutcome> {
    const decoded = decodeInboundRecord(record);
    if (!decoded.ok) return { recorded: false, event: undefined, refusal: decoded.problem };
    const checked = validateCloudEvent(decoded.event, this.clock.now());
    if (!checked.ok) {
      return {
        recorded: false,
        event: decoded.event,
        refusal: kafkaIntakeProblems.invalidEvent(checked.errors),
      };
    }
    try {
      const { status } = await this.commands.execute(
        new RecordPartnerEventCommand(
          { id: owner.id, kind: owner.kind },
          checked.event,
          recordUri(record),
        ),
      );
      return { recorded: true, status };
    } catch (error) {
      if (isRefusal(error)) return { recorded: false, event: decoded.event, refusal: error };
      throw error;
    }
  }
}

/**
 * A refusal the partner must hear about, not a failure to retry: a 4xx, except a conflict of
 * concurrent writers, which a retry resolves (HTTP leaves that retry to the partner).
 */
function isRefusal(error: unknown): error is HttpException {
  if (!(error instanceof HttpException) || error.getStatus() >= 500) return false;
  return !(error instanceof ProblemException && error.problem.type === 'concurrency-conflict');
}
