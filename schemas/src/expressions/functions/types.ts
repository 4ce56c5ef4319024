/** The shape of a library function, as registered with JSONata. */
/** What JSONata passes as `this` to a registered function. */
export interface LibraryThis {
  environment: { base?: object; lookup(name: string | symbol): unknown };
}

export interface LibraryFunction {
  // biome-ignore lint/suspicious/noExplicitAny: JSONata validates the arguments against `signature`.
  implementation: (this: LibraryThis, ...args: any[]) => unknown;
  /** A JSONata signature, e.g. '<s-n:s>'; omitted for variadic functions. */
  signature?: string;
}
