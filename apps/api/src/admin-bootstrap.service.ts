import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Role, systemActor, UsersService } from '@dragnet/domain';
import { AppConfig } from '@dragnet/platform';

export const GENERATED_ADMIN_EMAIL = 'admin@dragnet.local';

/**
 * Creates the first admin when none exists: from ADMIN_EMAIL / ADMIN_PASSWORD, or else
 * admin@dragnet.local with a generated password written once to INITIAL_ADMIN_PASSWORD_FILE (mode
 * 0600). The log says where the password is, never the password. Processes starting together agree
 * on one password: the first to create the file writes it, the others read it.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.ADMIN_EMAIL && this.config.ADMIN_PASSWORD) {
      await this.users.ensureAdmin(systemActor('boot'), this.config.ADMIN_EMAIL, this.config.ADMIN_PASSWORD);
      return;
    }
    // Test runs make their own users.
    if (this.config.NODE_ENV === 'test') return;
    const admins = await this.users.list({ role: Role.Admin }, { limit: 1, offset: 0 });
    if (admins.total > 0) return;
    const file = this.config.INITIAL_ADMIN_PASSWORD_FILE;
    const password = await this.sharedPassword(file);
    if (await this.users.ensureAdmin(systemActor('boot'), GENERATED_ADMIN_EMAIL, password)) {
      this.logger.log(
        `First admin ${GENERATED_ADMIN_EMAIL} created; its password is in ${file} (readable by this user only). Change it after the first login.`,
      );
    }
  }

  private async sharedPassword(file: string): Promise<string> {
    await mkdir(dirname(file), { recursive: true });
    const generated = randomBytes(18).toString('base64url');
    try {
      await writeFile(file, `${generated}\n`, { flag: 'wx', mode: 0o600 });
      return generated;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return (await readFile(file, 'utf8')).trim();
    }
  }
}
