import { ApiProperty } from '@nestjs/swagger';
import type { OutboundCloudEvent } from '@samenloop/contracts';

export class FeedPageView {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      'CloudEvents in your feed order (per client in the order they happened); see the AsyncAPI ' +
      'document for each type',
  })
  events!: OutboundCloudEvent[];

  @ApiProperty({
    description: 'The cursor to resume after: the last event’s, or the one you sent when empty',
  })
  next!: number;
}
