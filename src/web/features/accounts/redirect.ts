/** Where to go after signing in: the `retour` parameter when it is a path of this site, else the home page. */
export function safeReturn(params: URLSearchParams): string {
  const to = params.get('retour') ?? '';
  return to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\') ? to : '/';
}
