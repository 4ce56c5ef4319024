import { label } from '../conversion';
import { stringFieldType } from './text';

/** Notes and complaints ("customer reports noise from front left wheel…"): line breaks are kept. */
export const textareaType = stringFieldType('textarea', label('多行文本', 'Long text'), {
  multiline: true,
  defaultMaxLength: 5000,
  maxMaxLength: 50_000,
});
