/**
 * The options of a choice field: label in both languages, a colour, and the stored value (kept when the
 * label changes, so records stay readable). New values are random (option-value.ts), so a value deleted
 * in an earlier version never returns with another label; those of the published options are avoided too.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { OptionDef } from '@forecourt/schemas';
import { Button, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { setProp } from '../model';
import { useDesign } from './context';
import type { FieldPanelProps } from './controls';
import { newOptionValue } from './option-value';

export function OptionsEditor({ field, update }: FieldPanelProps) {
  const { t } = useTranslation();
  const { publishedOptionValues } = useDesign();
  const options = (Array.isArray(field.options) ? field.options : []) as OptionDef[];
  const setOptions = (next: OptionDef[], merge?: string) => update((f) => setProp(f, 'options', next), merge);
  const change = (index: number, next: OptionDef) =>
    setOptions(
      options.map((o, i) => (i === index ? next : o)),
      `${field.id}.options.${index}`,
    );
  const swap = (index: number, other: number) => {
    const next = [...options];
    [next[index], next[other]] = [next[other] as OptionDef, next[index] as OptionDef];
    setOptions(next);
  };
  const add = () => {
    const value = newOptionValue([...options.map((o) => o.value), ...publishedOptionValues]);
    const n = options.length + 1;
    setOptions([...options, { value, label: { zh: `选项${n}`, en: `Option ${n}` } }]);
  };
  return (
    <fieldset className="fd-options">
      <legend>{t('formDesigner.options.title')}</legend>
      <ol>
        {options.map((option, index) => (
          <li key={option.value}>
            <input
              type="color"
              className="fd-color"
              value={option.color ?? '#d9d9d9'}
              aria-label={t('formDesigner.options.color', { n: index + 1 })}
              onChange={(e) => change(index, { ...option, color: e.target.value })}
            />
            <Input
              size="small"
              value={option.label.zh}
              aria-label={t('formDesigner.options.zh', { n: index + 1 })}
              onChange={(e) => change(index, { ...option, label: { ...option.label, zh: e.target.value } })}
            />
            <Input
              size="small"
              value={option.label.en}
              aria-label={t('formDesigner.options.en', { n: index + 1 })}
              onChange={(e) => change(index, { ...option, label: { ...option.label, en: e.target.value } })}
            />
            <Button
              size="small"
              type="text"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              aria-label={t('formDesigner.options.up')}
              onClick={() => swap(index, index - 1)}
            />
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              disabled={index === options.length - 1}
              aria-label={t('formDesigner.options.down')}
              onClick={() => swap(index, index + 1)}
            />
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              disabled={options.length === 1}
              aria-label={t('formDesigner.options.remove')}
              onClick={() => setOptions(options.filter((_, i) => i !== index))}
            />
          </li>
        ))}
      </ol>
      <Button size="small" icon={<PlusOutlined />} onClick={add}>
        {t('formDesigner.options.add')}
      </Button>
    </fieldset>
  );
}
