/** A CombinedError as a person reads it: each GraphQL error's message and extensions.code. */
export function describeError(error) {
  if (!error) {
    return null;
  }
  if (error.graphQLErrors?.length) {
    return error.graphQLErrors
      .map((e) => (e.extensions?.code ? `${e.message} (${e.extensions.code})` : e.message))
      .join('; ');
  }
  return error.networkError ? `Network: ${error.networkError.message}` : error.message;
}
