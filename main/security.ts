// Locks every window down to the embedded server: sandboxed pages, no Node, no foreign navigation,
// no permissions, and the host's keeper cookie set for the app's own origin only.
import { shell } from 'electron';
import type { Session, WebContents, WebPreferences } from 'electron';
import { isExternalWebUrl, isTrustedUrl } from './trusted-url.js';

/** The pages are plain web pages served over HTTP: they need no preload and no Node. */
export const SECURE_WEB_PREFERENCES: WebPreferences = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
});

function openOutside(url: string): void {
  // Links to the wider web (rules pages, a league site) belong in the system browser.
  if (isExternalWebUrl(url)) void shell.openExternal(url).catch(() => undefined);
}

/** Refuses navigation, redirects, pop-ups and webviews that leave the app's origin. */
export function hardenContents(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (event) => {
    if (isTrustedUrl(event.url, appOrigin)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isTrustedUrl(url, appOrigin)) {
      return { action: 'allow', overrideBrowserWindowOptions: { webPreferences: SECURE_WEB_PREFERENCES } };
    }
    openOutside(url);
    return { action: 'deny' };
  });
}

/** No camera, microphone, notifications, geolocation or anything else: the pages need none. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Gives the host window its keeper session. The cookie is host-only (no Domain attribute) and
 * bound to the app's origin URL, HttpOnly and SameSite=Strict, so pages cannot read it and no
 * other site ever receives it.
 */
export async function setHostCookie(
  session: Session,
  appUrl: string,
  cookie: { name: string; value: string },
): Promise<void> {
  const origin = new URL(appUrl);
  await session.cookies.set({
    url: `${origin.origin}/`,
    name: cookie.name,
    value: cookie.value,
    path: '/',
    httpOnly: true,
    secure: origin.protocol === 'https:',
    sameSite: 'strict',
  });
}
