import { Controller, Get, OnModuleDestroy } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { AppConfig, createRedisConnection } from '@dragnet/platform';
import type { Redis } from 'ioredis';
import { Public } from '../auth/auth.decorators';
import { ErrorBodyDto } from '../common/error-body.dto';

/**
 * Reports Postgres and, when the queues are on Redis, Redis (503 when either is down), and names
 * the mode: an embedded or an external database, queues on Redis or on Postgres.
 */
@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {
    if (config.REDIS_URL) this.redis = createRedisConnection(config.REDIS_URL, 'client');
  }

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness of the API, its Postgres and Redis, and the mode it runs in' })
  @ApiResponse({ status: 503, description: 'Postgres or Redis is down; the message names which', type: ErrorBodyDto })
  check() {
    const checks: HealthIndicatorFunction[] = [
      () => this.database.pingCheck('postgres', { timeout: 1_500 }),
      () =>
        this.indicators.check('mode').up({
          database: this.config.EMBEDDED_POSTGRES ? 'embedded' : 'external',
          queues: this.config.queueBackend,
        }),
    ];
    const redis = this.redis;
    if (redis) {
      checks.push(() =>
        this.indicators
          .check('redis')
          .attempt(async () => {
            await redis.ping();
          })
          .withTimeout(1_500),
      );
    }
    return this.health.check(checks);
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
