import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AsyncApiDocument, generateAsyncApiDocument } from './asyncapi-generator';
import { kafkaTopicPrefix } from './delivery-channels';

/** The event channels, as OpenAPI's `/docs-json` is for the HTTP API. */
@ApiTags('contracts')
@Controller()
export class AsyncApiController {
  // Generated once: it depends only on the code and the topic prefix.
  private readonly document = generateAsyncApiDocument({ topicPrefix: kafkaTopicPrefix() });

  @Get('asyncapi.json')
  @ApiOkResponse({ description: 'The AsyncAPI 3.0.0 document of the event channels' })
  asyncApi(): AsyncApiDocument {
    return this.document;
  }
}
