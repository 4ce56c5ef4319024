import { label } from '../conversion';
import { definition, longLabelSchema } from '../schema-parts';
import { layoutType } from './divider';

/** Fixed text on the form: instructions, terms the customer signs under. */
export const descriptionType = layoutType(
  'description',
  label('描述文字', 'Description'),
  definition({ content: longLabelSchema }, ['content']),
  (field) => ({ widget: 'description', options: { content: field.content } }),
);
