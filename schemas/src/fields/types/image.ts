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
import { booleanSchema, definition } from '../schema-parts';

/** Vehicle inspection photos: formats every phone and browser shows; HEIC is converted on upload. */
const DEFAULTS: FileLimits = {
  maxFiles: 9,
  maxSizeMb: 20,
  accept: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
};

export const imageType = defineFieldType<FileRef[]>({
  type: 'image',
  group: 'media',
  label: label('图片', 'Images'),
  storesValue: true,
  computed: false,
  compareAs: 'json',
  groupBy: [],
  aggregates: ['count'],
  publicFill: false,
  extraWrites: 'files',
  definitionSchema: definition({
    ...fileDefinitionProperties(50),
    /** Only the camera, not the gallery: for proof-of-condition photos. */
    cameraOnly: booleanSchema,
    watermark: booleanSchema,
  }),
  valueSchema: (field) => fileListSchema(fileLimits(field, DEFAULTS)),
  normalize: (field, input) => normalizeFiles(input, fileLimits(field, DEFAULTS)),
  toText: (_field, value) => filesText(value),
  fromText: (field, text) => parseFilesText(text, fileLimits(field, DEFAULTS)),
  displayText: (_field, value) =>
    Array.isArray(value) ? value.map((file) => String(file?.name ?? '')).join(', ') : '',
  widget: (field) => ({
    widget: 'image',
    options: {
      ...fileLimits(field, DEFAULTS),
      cameraOnly: field.cameraOnly === true,
      watermark: field.watermark === true,
    },
  }),
});
