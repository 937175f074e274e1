// Decides which URLs the app's windows may show: only pages of the embedded server itself.
// Pure, so the rule that guards every navigation is unit-tested without Electron.

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True when `url` is an http(s) page on exactly the app's origin (scheme, host and port). */
export function isTrustedUrl(url: string, appOrigin: string): boolean {
  const target = parse(url);
  const app = parse(appOrigin);
  if (!target || !app) return false;
  // file:, data: and javascript: URLs have an opaque origin ("null"), which must never match.
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
  return target.origin === app.origin;
}

/** True for web links that may be handed to the system browser instead of opening in the app. */
export function isExternalWebUrl(url: string): boolean {
  const target = parse(url);
  return target !== undefined && (target.protocol === 'http:' || target.protocol === 'https:');
}
