/** The record query language: conditions, operators per kind of field, the check of a query against a form, and aggregate queries. */
export * from './aggregate';
export * from './language';
export * from './operators';
export * from './validate';
