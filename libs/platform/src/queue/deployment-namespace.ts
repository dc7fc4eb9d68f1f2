import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import IORedis from 'ioredis';
import { AppConfig, ConfigError } from '../config/app-config';

/**
 * Refuses to boot when another deployment (another database) already uses this Redis namespace: two
 * deployments sharing queues would run each other's jobs and hear each other's live events. The
 * namespace is claimed for the database on first boot; a Redis that cannot be reached at boot is
 * not checked (the process still starts, as it does without Redis).
 */
@Injectable()
export class DeploymentNamespace implements OnModuleInit {
  private readonly logger = new Logger(DeploymentNamespace.name);

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    // Without Redis every key lives in the deployment's own database: nothing to share.
    if (!this.config.REDIS_URL) return;
    const prefix = this.config.queuePrefix;
    const identity = this.config.databaseIdentity;
    const redis = new IORedis(this.config.REDIS_URL, {
      lazyConnect: true,
      connectTimeout: 2_000,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    let owner: string | null;
    try {
      await redis.connect();
      const key = `${prefix}:deployment`;
      await redis.set(key, identity, 'NX');
      owner = await redis.get(key);
    } catch (error) {
      this.logger.warn(`Redis namespace ${prefix} not checked: ${(error as Error).message}`);
      return;
    } finally {
      redis.disconnect();
    }
    if (owner !== null && owner !== identity)
      throw new ConfigError([
        `QUEUE_PREFIX ${prefix} is already used on this Redis by the deployment of database ${owner}; ` +
          'give each deployment its own QUEUE_PREFIX, or leave it unset to derive one from DATABASE_URL',
      ]);
  }
}
