/** Entry of @forecourt/schemas: the metadata language arrives with the metadata-engine issue. */
export * from './expressions';
export * from './fields';
export * from './workflow';
