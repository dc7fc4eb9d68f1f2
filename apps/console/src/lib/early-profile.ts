import { api, unwrap, type Schemas } from './api/client';
import { session } from './session';

type Profile = Schemas['UserDto'];

/**
 * The signed-in user's profile, asked for as soon as the console's code starts (main.tsx imports
 * this first), not when the page is first drawn: on a slow line its round trip then overlaps the
 * rest of the code starting and drawing, instead of following it. The lead form needs the
 * profile (the investigator's country) before it can be sent.
 */
interface Asked {
  token: string;
  profile: Promise<Profile>;
  value?: Profile;
}
let early: Asked | null = null;
const token = session.token();
if (token) {
  const asked: Asked = { token, profile: unwrap(api.GET('/api/me')) };
  // Whoever takes it sees an error; until then it is not an unhandled rejection.
  asked.profile.then((value) => (asked.value = value)).catch(() => undefined);
  early = asked;
}

/** Settles when the profile asked for at start has come (or failed); at once if none was asked for. */
export function earlyProfileSettled(): Promise<unknown> {
  return early ? early.profile.catch(() => undefined) : Promise.resolve();
}

/** The profile asked for at start, if it has already come and was asked for with this token. */
export function earlyProfileValue(forToken: string | null): Profile | undefined {
  return early?.token === forToken ? early.value : undefined;
}

/** The profile asked for at start, once, if it was asked for with this token. */
export function takeEarlyProfile(forToken: string | null): Promise<Profile> | null {
  if (!early || early.token !== forToken) return null;
  const { profile } = early;
  early = null;
  return profile;
}
