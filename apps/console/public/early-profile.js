/* global window, sessionStorage, fetch */
/**
 * Asks for the signed-in user's profile while the page is still loading: a plain script of a few
 * lines runs as soon as it arrives, long before the console's bundle is compiled and run, so on a
 * slow line the profile's round trip overlaps that work (the lead form needs the investigator's
 * country before it can be sent). src/lib/early-profile.ts takes the answer, or asks again through
 * the API client if this one failed. The session is read as src/lib/session.ts writes it.
 */
(function askForTheProfileEarly() {
  try {
    var stored = JSON.parse(sessionStorage.getItem('dragnet.session') || 'null');
    if (!stored || typeof stored.token !== 'string' || !(stored.expiresAt > Date.now())) return;
    var response = fetch('/api/me', { headers: { Authorization: 'Bearer ' + stored.token } });
    response.catch(function () {});
    window.__dragnetEarlyProfile = { token: stored.token, response: response };
  } catch {
    // No storage, or a stored value that is not ours: the console asks when it starts.
  }
})();
