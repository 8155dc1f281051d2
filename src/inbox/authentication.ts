/*
 * What the receiving server found when it checked the sender (RFC 8601 Authentication-Results).
 * Only failures are read: a header anyone could have added can make us more careful, never less,
 * so every such header counts, whoever wrote it.
 */

export type AuthenticationFailure = 'dmarc=fail' | 'dkim=fail';

/** `(comments)` and `"quoted strings"` removed, so their `;` and `=` do not split anything. */
const withoutComments = (value: string) => value.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\((?:[^()\\]|\\.)*\)/g, ' ');

interface MethodResult {
  method: string;
  result: string;
  properties: Map<string, string>;
}

function results(header: string): MethodResult[] {
  // The first element is the authserv-id; each later one is `method=result ptype.property=value ...`.
  return withoutComments(header)
    .split(';')
    .slice(1)
    .flatMap((element) => {
      const [first, ...rest] = element.trim().split(/\s+/);
      const match = /^([a-z0-9-]+)(?:\/[0-9]+)?=([a-z]+)$/i.exec(first ?? '');
      if (!match?.[1] || !match[2]) return [];
      const properties = new Map(rest.map((pair) => pair.split('=', 2) as [string, string]).filter((pair) => pair.length === 2).map(([key, value]) => [key.toLowerCase(), value.toLowerCase()]));
      return [{ method: match[1].toLowerCase(), result: match[2].toLowerCase(), properties }];
    });
}

/** The domain a result is about; a signature with no domain given counts as the From domain's. */
function aboutDomain(result: MethodResult, domain: string): boolean {
  const named = result.method === 'dmarc' ? result.properties.get('header.from') : (result.properties.get('header.d') ?? result.properties.get('header.i')?.replace(/^.*@/, ''));
  return named === undefined || named === domain;
}

/**
 * The first failure for the From domain in the message's Authentication-Results headers: a
 * failed DMARC check, or a failed DKIM signature of that domain. A mailing list's own failing
 * signature (another domain) does not count.
 */
export function authenticationFailure(headers: string | readonly string[] | undefined, fromDomain: string): AuthenticationFailure | undefined {
  const domain = fromDomain.toLowerCase();
  for (const header of typeof headers === 'string' ? [headers] : (headers ?? [])) {
    for (const result of results(header)) {
      if ((result.method === 'dmarc' || result.method === 'dkim') && result.result === 'fail' && aboutDomain(result, domain)) return `${result.method}=fail`;
    }
  }
  return undefined;
}
