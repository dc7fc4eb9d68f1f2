import { api, unwrap, type Schemas } from './api/client';
import { session } from './session';

/**
 * The signed-in user's profile, asked for as soon as the console's code starts (main.tsx imports
 * this first), not when the page is first drawn: on a slow line its round trip then overlaps the
 * rest of the code starting and drawing, instead of following it. The lead form needs the
 * profile (the investigator's country) before it can be sent.
 */
let early: { token: string; profile: Promise<Schemas['UserDto']> } | null = null;
const token = session.token();
if (token) {
  early = { token, profile: fromPageScript(token) ?? askForProfile() };
  // Whoever takes it sees the error; until then it is not an unhandled rejection.
  early.profile.catch(() => undefined);
}

/**
 * The profile public/early-profile.js asked for before this code loaded, if it asked with this
 * token. Anything but a 200 is asked again through the API client, which handles 401 and errors.
 */
function fromPageScript(forToken: string): Promise<Schemas['UserDto']> | null {
  const asked = (window as { __dragnetEarlyProfile?: { token: string; response: Promise<Response> } })
    .__dragnetEarlyProfile;
  if (!asked || asked.token !== forToken) return null;
  return asked.response
    .then((response) => (response.ok ? (response.json() as Promise<Schemas['UserDto']>) : Promise.reject(response)))
    .catch(askForProfile);
}

/** The profile through the API client (its 401 handling included). */
export function askForProfile(): Promise<Schemas['UserDto']> {
  return unwrap(api.GET('/api/me'));
}

/** The profile asked for at start, once, if it was asked for with this token. */
export function takeEarlyProfile(forToken: string | null): Promise<Schemas['UserDto']> | null {
  if (!early || early.token !== forToken) return null;
  const { profile } = early;
  early = null;
  return profile;
}
