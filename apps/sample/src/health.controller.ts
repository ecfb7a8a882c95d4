import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  MikroOrmHealthIndicator,
} from '@nestjs/terminus';
import { GracefulShutdown, Public } from '@userkit/user';

/**
 * Liveness says the process answers; readiness also needs the database, and turns 503 as soon as
 * a shutdown begins (GracefulShutdown), so load balancers stop sending before the listener closes.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly shutdown: GracefulShutdown,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => {
        const indicator = this.indicators.check('shutdown');
        return this.shutdown.draining ? indicator.down('draining') : indicator.up();
      },
      () => this.database.pingCheck('database').withTimeout(1500),
    ]);
  }
}
