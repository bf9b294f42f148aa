import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@samenloop/platform';
import { type AsyncApiDocument, generateAsyncApiDocument } from './asyncapi-generator';

/** The event channels, as OpenAPI's `/docs-json` is for the HTTP API. */
@ApiTags('contracts')
@Controller()
export class AsyncApiController {
  // Generated once: it depends only on the code and the topic prefix.
  private readonly document: AsyncApiDocument;

  constructor(config: AppConfig) {
    this.document = generateAsyncApiDocument({ topicPrefix: config.KAFKA_TOPIC_PREFIX });
  }

  @Get('asyncapi.json')
  @ApiOkResponse({ description: 'The AsyncAPI 3.0.0 document of the event channels' })
  asyncApi(): AsyncApiDocument {
    return this.document;
  }
}
