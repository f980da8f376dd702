/** The `code` of the process warning {@link warnToPinAudience} emits. */
export const PIN_AUDIENCE_WARNING = 'SF_JWT_PIN_AUDIENCE';

let warned = false;

/** The config line that pins an audience: `'my-domain'` for the login URL's own origin. */
export function audienceConfigLine(audience: string, loginUrl: string): string {
  const value = audience === new URL(loginUrl).origin ? 'my-domain' : audience;
  return `audience: '${value}'`;
}

/**
 * Once per process: audience discovery cost a failed login and no token store keeps what it
 * found, so every new process (each serverless cold start) pays it again. Says the line to pin.
 * A Node process warning (`process.emitWarning`, code `SF_JWT_PIN_AUDIENCE`): printed once on
 * stderr unless the process silences warnings. It holds no secret.
 */
export function warnToPinAudience(audience: string, loginUrl: string): void {
  if (warned) return;
  warned = true;
  process.emitWarning(
    `sf-jwt: audience discovery cost a failed login: this app accepts the audience ${audience}. ` +
      'Without a shared token store every new process (each serverless cold start) pays that ' +
      `login again: pin it with \`${audienceConfigLine(audience, loginUrl)}\` in the config.`,
    { code: PIN_AUDIENCE_WARNING },
  );
}

/** Forgets that the warning was given (tests). */
export function resetPinAudienceWarning(): void {
  warned = false;
}
