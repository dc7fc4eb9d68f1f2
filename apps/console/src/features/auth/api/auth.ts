import { api, unwrap } from '../../../lib/api/client';
import { session } from '../../../lib/session';

export async function signIn(email: string, password: string): Promise<void> {
  const token = await unwrap(api.POST('/api/auth/login', { body: { email, password } }));
  session.start(token.accessToken, token.expiresIn);
}

/** Revokes the token on every API process, then forgets it (even if the API cannot be reached). */
export async function signOut(): Promise<void> {
  try {
    await api.POST('/api/auth/logout');
  } finally {
    session.end();
  }
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await unwrap(api.POST('/api/me/password', { body: { currentPassword, newPassword } }));
  // The API ended every session of this user, this one included.
  session.end();
}
