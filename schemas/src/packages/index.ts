/** The package format (apps shipped as metadata): types and meta-schemas. Pure, shared by browser and server. */
export * from './manifest';
