// The /.well-known/security.txt of the site (RFC 9116): where to report a vulnerability, valid for a year after the build.

/** How long a built security.txt stays valid; RFC 9116 advises less than a year, so it is renewed by every build. */
export const SECURITY_TXT_DAYS = 364;

/** The Contact of an organisation that did not set securityContact: security@ at the domain of its news-tip address. */
export function getDefaultSecurityContact(newsTipEmail: string | undefined): string {
  const domain = newsTipEmail?.split('@')[1];
  return `mailto:security@${domain || 'example.org'}`;
}

/** The security.txt Contact URI of the securityContact setting (an e-mail address, mailto: or https://), or the default. */
export function toSecurityContact(setting: string | undefined, newsTipEmail: string | undefined): string {
  if (!setting) return getDefaultSecurityContact(newsTipEmail);
  return /^(mailto:|https:)/.test(setting) ? setting : `mailto:${setting}`;
}

/** Renders security.txt: Contact, Expires (build time + SECURITY_TXT_DAYS), Preferred-Languages and Canonical. */
export function renderSecurityTxt(options: { contact: string; siteUrl: string; now?: Date }): string {
  const now = options.now ?? new Date();
  const expires = new Date(now.getTime() + SECURITY_TXT_DAYS * 86_400_000);
  const canonical = new URL('/.well-known/security.txt', options.siteUrl).href;
  return [
    `Contact: ${options.contact}`,
    // RFC 9116 wants an Internet date-time; whole seconds keep it readable.
    `Expires: ${expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    'Preferred-Languages: nl, en',
    `Canonical: ${canonical}`,
    '',
  ].join('\n');
}
