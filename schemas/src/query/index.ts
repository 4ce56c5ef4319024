/** The record query language: conditions, operators per kind of field, and the check of a query against a form. */

export * from './aggregate';
export * from './language';
export * from './operators';
export * from './validate';
