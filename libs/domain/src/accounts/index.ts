/** The accounts area's front door: what other areas and the apps may use of it. */
export { AccountsModule } from './accounts.module';
export { AuthService } from './auth.service';
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';
export { RevokedToken } from './revoked-token.entity';
export { User } from './user.entity';
export { toUserView, UsersService } from './users.service';
export type { UserView } from './users.service';
