import { Controller, Get, OnModuleDestroy } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppConfig, createRedisConnection } from '@dragnet/platform';
import type { Redis } from 'ioredis';
import { Public } from '../auth/auth.decorators';
import { ErrorBodyDto } from '../common/error-body.dto';

/** Reports Postgres and Redis; 503 when either is down. */
@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    config: AppConfig,
  ) {
    this.redis = createRedisConnection(config.REDIS_URL, 'client');
  }

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness of the API and its Postgres and Redis' })
  @ApiResponse({ status: 503, description: 'Postgres or Redis is down; the message names which', type: ErrorBodyDto })
  check() {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 1_500 }),
      () =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            await this.redis.ping();
          })
          .withTimeout(1_500),
    ]);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
