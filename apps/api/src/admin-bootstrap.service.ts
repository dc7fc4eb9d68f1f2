import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { systemActor, UsersService } from '@dragnet/domain';
import { AppConfig } from '@dragnet/platform';

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when none exists. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.ADMIN_EMAIL && this.config.ADMIN_PASSWORD) {
      await this.users.ensureAdmin(systemActor('boot'), this.config.ADMIN_EMAIL, this.config.ADMIN_PASSWORD);
    }
  }
}
