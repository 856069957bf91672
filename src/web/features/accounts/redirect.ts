// Where to go after signing in travels in one query parameter, `retour` (French URL words are the app's style).
// `next`, which some links used before, is still read so that old links and bookmarks keep working.

/** The sign-in page, coming back to `back` (a path of this site) once signed in. */
export const signInPath = (back: string) => `/connexion?retour=${encodeURIComponent(back)}`;

/**
 * A path of this site: a single leading `/`, then no `/` or `\` (`//host` and `/\host` are other sites to a
 * browser), no backslash at all and no control character (browsers drop tabs and line breaks from a URL, so
 * "/\t/evil.example" would become "//evil.example").
 */
export function isSitePath(to: string): boolean {
  return /^\/(?![/\\])/.test(to) && !/[\\\p{Cc}]/u.test(to);
}

/** Where to go after signing in: `retour` (or the older `next`) when it is a path of this site, else the home page. */
export function safeReturn(params: URLSearchParams): string {
  const to = params.get('retour') ?? params.get('next') ?? '';
  return isSitePath(to) ? to : '/';
}
