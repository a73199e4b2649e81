/**
 * The path to open after signing in: `wanted` when it is a path of this site ("/kpis/deals.win_rate?period=…"),
 * else "/". Refuses whatever a browser could read as another origin — "//evil.example", "/\evil.example",
 * "https://…", control characters — so the sign-in can never become an open redirect.
 */
export function safeReturnTo(wanted: string | undefined): string {
  if (wanted === undefined || wanted.length > 2048 || !wanted.startsWith('/')) return '/'
  if (wanted.startsWith('//') || wanted.includes('\\') || hasControlCharacter(wanted)) return '/'
  const base = 'http://same-origin.invalid'
  const url = new URL(wanted, base)
  if (url.origin !== base) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}

// URL parsing silently drops tabs and newlines, so "/\t/evil.example" would become "//evil.example".
function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)
}
