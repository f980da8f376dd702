/**
 * An input sf-jwt accepted after rewriting it to the form Salesforce needs; announced by the
 * strategy's `normalised` event. Holds no secret.
 */
export interface ConfigNormalisation {
  /** The option rewritten. */
  readonly option: 'loginUrl' | 'privateKey';
  /**
   * `token_path_removed`: the login URL ended in `/services/oauth2/token`, which was removed;
   * `literal_newlines_replaced`: the PEM held literal `\n` (as in an environment variable).
   */
  readonly change: 'token_path_removed' | 'literal_newlines_replaced';
}
