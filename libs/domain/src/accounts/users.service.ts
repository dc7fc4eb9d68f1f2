import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, InvalidInputError, NotFoundError, Page, PageRequest } from '@dragnet/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import { type Actor, escapeLike, isCountryCode, isUniqueViolation, Role } from '../common';
import { PasswordHasher } from './password-hasher';
import { assertAcceptablePassword } from './password-policy';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  country?: string | null;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  country?: string | null;
  active?: boolean;
  password?: string;
}

export interface UserFilter {
  role?: Role;
  country?: string;
  active?: boolean;
  q?: string;
}

/** What a client may see of a user: never the password hash. */
export type UserView = Omit<User, 'passwordHash'>;

export function toUserView(user: User): UserView {
  const { passwordHash: _hidden, ...view } = user;
  return view;
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: NewUser): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    const country = this.checkCountry(input.role, input.country ?? null);
    assertAcceptablePassword(input.password, email);
    const passwordHash = await this.hasher.hash(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = await manager.save(
          manager.create(User, {
            email,
            displayName: input.displayName.trim(),
            passwordHash,
            role: input.role,
            country,
          }),
        );
        await this.audit.record(manager, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          after: user,
        });
        return toUserView(user);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError('A user with this email already exists', [
          { field: 'email', message: 'email is already in use' },
        ]);
      throw error;
    }
  }

  async list(filter: UserFilter, page: PageRequest): Promise<Page<UserView>> {
    const query = this.dataSource.getRepository(User).createQueryBuilder('user');
    if (filter.role) query.andWhere('user.role = :role', { role: filter.role });
    if (filter.country) query.andWhere('user.country = :country', { country: filter.country });
    if (filter.active !== undefined) query.andWhere('user.active = :active', { active: filter.active });
    if (filter.q) {
      query.andWhere('(user.email ILIKE :q OR user.displayName ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    }
    const [users, total] = await query
      .orderBy('user.email', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items: users.map(toUserView), total, ...page };
  }

  async get(id: string): Promise<UserView> {
    return toUserView(await this.load(this.dataSource.manager, id));
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOne({ where: { email: email.trim().toLowerCase() } });
  }

  async update(actor: Actor, id: string, changes: UserChanges): Promise<UserView> {
    if (changes.password !== undefined) {
      const existing = await this.load(this.dataSource.manager, id);
      assertAcceptablePassword(changes.password, existing.email);
    }
    const passwordHash = changes.password !== undefined ? await this.hasher.hash(changes.password) : undefined;
    return this.dataSource.transaction(async (manager) => {
      const user = await this.load(manager, id, true);
      const before = { ...user };
      const role = changes.role ?? user.role;
      const country = this.checkCountry(role, changes.country !== undefined ? changes.country : user.country);
      if (actor.userId === user.id && (role !== Role.Admin || changes.active === false)) {
        throw new ConflictError('You cannot remove your own admin role or deactivate yourself');
      }
      Object.assign(user, {
        role,
        country,
        ...(changes.displayName !== undefined ? { displayName: changes.displayName.trim() } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        // A new password or a deactivation ends every session the user had.
        ...(passwordHash || changes.active === false ? { tokenGeneration: user.tokenGeneration + 1 } : {}),
      });
      const saved = await manager.save(user);
      await this.audit.record(manager, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        before,
        after: saved,
      });
      return toUserView(saved);
    });
  }

  /**
   * The signed-in user changes their own password, proving the current one; every token issued
   * before (this one included) stops working.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.load(this.dataSource.manager, actor.userId);
    if (!(await this.hasher.verify(user.passwordHash, currentPassword)))
      throw new InvalidInputError('Invalid field: currentPassword', [
        { field: 'currentPassword', message: 'currentPassword is not your current password' },
      ]);
    assertAcceptablePassword(newPassword, user.email, 'newPassword');
    if (await this.hasher.verify(user.passwordHash, newPassword))
      throw new InvalidInputError('Invalid field: newPassword', [
        { field: 'newPassword', message: 'newPassword must differ from the current password' },
      ]);
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      const locked = await this.load(manager, actor.userId, true);
      locked.passwordHash = passwordHash;
      locked.tokenGeneration += 1;
      await manager.save(locked);
      await this.audit.record(manager, actor, {
        action: 'user.password_change',
        entityType: 'user',
        entityId: user.id,
      });
    });
  }

  /** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists yet. */
  async ensureAdmin(actor: Actor, email: string, password: string): Promise<boolean> {
    const admins = await this.dataSource.getRepository(User).count({ where: { role: Role.Admin } });
    if (admins > 0) return false;
    try {
      await this.create(actor, { email, password, role: Role.Admin, displayName: 'Administrator' });
      this.logger.log(`Created the first admin account ${email}`);
      return true;
    } catch (error) {
      // Another process created it at the same moment.
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  private async load(manager: EntityManager, id: string, lock = false): Promise<User> {
    const user = await manager
      .getRepository(User)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!user) throw new NotFoundError('User');
    return user;
  }

  private checkCountry(role: Role, country: string | null): string | null {
    if (country !== null && !isCountryCode(country)) {
      throw new InvalidInputError('Invalid field: country', [
        { field: 'country', message: 'country must be an ISO 3166-1 alpha-2 code' },
      ]);
    }
    if (role === Role.Investigator && !country) {
      throw new InvalidInputError('Invalid field: country', [
        { field: 'country', message: 'an investigator needs a country' },
      ]);
    }
    return country;
  }
}
