import { defineFieldType, label } from '../conversion';
import {
  type FileLimits,
  type FileRef,
  fileDefinitionProperties,
  fileLimits,
  fileListSchema,
  filesText,
  normalizeFiles,
  parseFilesText,
} from '../files';
import { definition } from '../schema-parts';

const DEFAULTS: FileLimits = { maxFiles: 10, maxSizeMb: 50, accept: [] };

export const attachmentType = defineFieldType<FileRef[]>({
  type: 'attachment',
  group: 'media',
  label: label('附件', 'Attachments'),
  storesValue: true,
  computed: false,
  compareAs: 'json',
  groupBy: [],
  aggregates: ['count'],
  publicFill: false,
  extraWrites: 'files',
  definitionSchema: definition(fileDefinitionProperties(50)),
  valueSchema: (field) => fileListSchema(fileLimits(field, DEFAULTS)),
  normalize: (field, input) => normalizeFiles(input, fileLimits(field, DEFAULTS)),
  toText: (_field, value) => filesText(value),
  fromText: (field, text) => parseFilesText(text, fileLimits(field, DEFAULTS)),
  displayText: (_field, value) =>
    Array.isArray(value) ? value.map((file) => String(file?.name ?? '')).join(', ') : '',
  widget: (field) => ({ widget: 'attachment', options: { ...fileLimits(field, DEFAULTS) } }),
});
