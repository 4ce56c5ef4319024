/** Settings of attachments and images (how many, how large, which types, camera and watermark for images). */
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { setProp } from '../model';
import { type FieldPanelProps, NumberProp, Prop, SwitchProp } from './controls';

export function FilesProps(props: FieldPanelProps & { images?: boolean }) {
  const { t } = useTranslation();
  const { field, update } = props;
  return (
    <>
      <div className="fd-inline">
        <NumberProp {...props} name="maxFiles" label={t('formDesigner.media.maxFiles')} min={1} max={50} />
        <NumberProp
          {...props}
          name="maxSizeMb"
          label={t('formDesigner.media.maxSizeMb')}
          min={1}
          max={2048}
        />
      </div>
      <Prop label={t('formDesigner.media.accept')}>
        {(id) => (
          <Select
            id={id}
            mode="tags"
            value={Array.isArray(field.accept) ? (field.accept as string[]) : []}
            placeholder="image/*, application/pdf"
            onChange={(next: string[]) => update((f) => setProp(f, 'accept', next))}
          />
        )}
      </Prop>
      {props.images ? (
        <>
          <SwitchProp {...props} name="cameraOnly" label={t('formDesigner.media.cameraOnly')} />
          <SwitchProp {...props} name="watermark" label={t('formDesigner.media.watermark')} />
        </>
      ) : null}
    </>
  );
}

export function ImageProps(props: FieldPanelProps) {
  return <FilesProps {...props} images />;
}
