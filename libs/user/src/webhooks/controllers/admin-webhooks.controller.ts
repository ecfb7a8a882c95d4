import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  UsePipes,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Authenticated } from '../../core/decorators/authenticated.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { ADMIN_ROLE } from '../../core/options/built-in-roles.js';
import { EmptyBodyPipe } from '../../core/validation/empty-body.pipe.js';
import { ResourceIdPipe } from '../../core/validation/resource-id.pipe.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { ListWebhookDeliveriesQuery } from '../dto/webhook-deliveries.query.js';
import {
  CreateWebhookEndpointDto,
  RotateWebhookSecretDto,
  UpdateWebhookEndpointDto,
} from '../dto/webhook-endpoint.dto.js';
import { mapWebhookDelivery, mapWebhookEndpoint } from '../dto/webhook.mapper.js';
import {
  WebhookDeliveryPageResponse,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
} from '../dto/webhook.response.js';
import { WebhookEndpointsService } from '../services/webhook-endpoints.service.js';

const ENDPOINT_ID = new ResourceIdPipe('WEBHOOK_ENDPOINT_NOT_FOUND');

/** Webhook endpoints, their secrets and their delivery logs (role `admin`). */
@ApiTags('admin')
@Authenticated({ roles: [ADMIN_ROLE] })
@UsePipes(createUserKitValidationPipe())
@Controller('admin/webhooks')
@UserKitApi()
export class AdminWebhooksController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @ApiOkResponse({ type: [WebhookEndpointResponse] })
  async list(): Promise<WebhookEndpointResponse[]> {
    const now = new Date();
    return (await this.endpoints.list()).map((endpoint) => mapWebhookEndpoint(endpoint, now));
  }

  @Post()
  @ApiCreatedResponse({
    type: WebhookEndpointWithSecretResponse,
    description: 'The endpoint, with its signing secret: the only time it is shown',
  })
  @ApiUserKitError(400, {
    description:
      'Invalid body; WEBHOOK_URL_REFUSED: not http(s), credentials in it, or (unless private networks are allowed) not a public address',
  })
  async create(@Body() body: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretResponse> {
    const { endpoint, secret } = await this.endpoints.create(body);
    return { ...mapWebhookEndpoint(endpoint, new Date()), secret };
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiUserKitError(404, { description: 'Unknown endpoint' })
  async get(@Param('id', ENDPOINT_ID) id: string): Promise<WebhookEndpointResponse> {
    return mapWebhookEndpoint(await this.endpoints.get(id), new Date());
  }

  @Patch(':id')
  @ApiOkResponse({ type: WebhookEndpointResponse })
  @ApiUserKitError(400, { description: 'Invalid body; WEBHOOK_URL_REFUSED' })
  @ApiUserKitError(404, { description: 'Unknown endpoint' })
  @ApiUserKitError(409, { description: 'WEBHOOK_ENDPOINT_FROM_OPTIONS: set in the module options' })
  async update(
    @Param('id', ENDPOINT_ID) id: string,
    @Body() body: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointResponse> {
    return mapWebhookEndpoint(await this.endpoints.update(id, body), new Date());
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted, with its delivery log' })
  @ApiUserKitError(404, { description: 'Unknown endpoint' })
  @ApiUserKitError(409, { description: 'WEBHOOK_ENDPOINT_FROM_OPTIONS: set in the module options' })
  async delete(@Param('id', ENDPOINT_ID) id: string): Promise<void> {
    await this.endpoints.delete(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: WebhookEndpointWithSecretResponse,
    description: 'The new secret (shown once); the old one signs too until previousSecretExpiresAt',
  })
  @ApiUserKitError(404, { description: 'Unknown endpoint' })
  @ApiUserKitError(409, { description: 'WEBHOOK_ENDPOINT_FROM_OPTIONS: set in the module options' })
  async rotateSecret(
    @Param('id', ENDPOINT_ID) id: string,
    @Body() body: RotateWebhookSecretDto,
  ): Promise<WebhookEndpointWithSecretResponse> {
    const { endpoint, secret } = await this.endpoints.rotateSecret(id, body.overlapSeconds);
    return { ...mapWebhookEndpoint(endpoint, new Date()), secret };
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: WebhookDeliveryPageResponse, description: 'Newest message first' })
  @ApiUserKitError(404, { description: 'Unknown endpoint' })
  async deliveries(
    @Param('id', ENDPOINT_ID) id: string,
    @Query() query: ListWebhookDeliveriesQuery,
  ): Promise<WebhookDeliveryPageResponse> {
    const page = await this.endpoints.listDeliveries(id, query);
    return { data: page.data.map(mapWebhookDelivery), nextCursor: page.nextCursor };
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({
    type: WebhookDeliveryResponse,
    description: 'Pending again, on a fresh retry schedule: the worker sends it now',
  })
  @ApiUserKitError(400, { description: 'A body with fields (it takes none)' })
  @ApiUserKitError(404, { description: 'Unknown endpoint or delivery' })
  @ApiUserKitError(409, { description: 'WEBHOOK_DELIVERY_IN_FLIGHT: being sent right now' })
  async retry(
    @Param('id', ENDPOINT_ID) id: string,
    @Param('deliveryId', new ResourceIdPipe('WEBHOOK_DELIVERY_NOT_FOUND')) deliveryId: string,
    @Body(EmptyBodyPipe) _body: unknown,
  ): Promise<WebhookDeliveryResponse> {
    return mapWebhookDelivery(await this.endpoints.retryDelivery(id, deliveryId));
  }
}
