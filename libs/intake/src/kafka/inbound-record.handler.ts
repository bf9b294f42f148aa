import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { validateCloudEvent } from '@samenloop/contracts';
import type { ProblemException } from '@samenloop/platform';
import { Clock } from '@samenloop/privacy';
import { refusalProblem } from '../record-event/intake.problems';
import { IntakeRefused, invalidEvent } from '../record-event/intake-refusal';
import {
  RecordPartnerEventCommand,
  type Publisher,
} from '../record-event/record-partner-event.command';
import { decodeInboundRecord } from './inbound-record-decoder';
import { recordUri, type InboundRecord } from './inbound-record';

export type InboundOutcome =
  | { recorded: true; status: 200 | 201 }
  /**
   * `event`: what could be decoded, to reference the refused event by its attributes; `refusal`:
   * the problem for the partner's rejected topic, as HTTP would have answered it.
   */
  | { recorded: false; event: unknown; refusal: ProblemException };

/**
 * One inbound record through the HTTP intake's path: decoded, validated with
 * `validateCloudEvent`, and recorded with `RecordPartnerEventCommand` as the topic's owner (so the
 * command's source check refuses a `source` naming another partner). Refusals meant for the
 * partner come back as an outcome; anything else (the database away, a conflict of concurrent
 * writers, which a retry resolves where HTTP leaves the retry to the partner) is thrown, for the
 * caller to retry the same record.
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
        refusal: refusalProblem(invalidEvent(checked.errors)),
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
      if (!(error instanceof IntakeRefused) || error.refusal.code === 'concurrency-conflict') {
        throw error;
      }
      return { recorded: false, event: decoded.event, refusal: refusalProblem(error.refusal) };
    }
  }
}
