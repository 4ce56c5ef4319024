/**
 * The form as staff will see it, rendered by the host (runtime-ui's form renderer) at a showroom PC's
 * or a phone's width, from the definition being edited (not the saved one).
 */
import type { FormDefinition } from '@forecourt/schemas';
import { Modal, Segmented } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The content width of a form page on a showroom PC (1280 wide, less the menu) and on a phone. */
export const PREVIEW_WIDTHS = { desktop: 1000, phone: 390 } as const;

export function Preview({
  definition,
  render,
  onClose,
}: {
  definition: FormDefinition;
  render(definition: FormDefinition, width: number): ReactNode;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [device, setDevice] = useState<keyof typeof PREVIEW_WIDTHS>('desktop');
  const width = PREVIEW_WIDTHS[device];
  return (
    <Modal
      open
      title={t('formDesigner.preview.title')}
      footer={null}
      onCancel={onClose}
      width={width + 80}
      centered
    >
      <Segmented
        value={device}
        onChange={(value) => setDevice(value as keyof typeof PREVIEW_WIDTHS)}
        options={[
          { value: 'desktop', label: t('formDesigner.preview.desktop') },
          { value: 'phone', label: t('formDesigner.preview.phone') },
        ]}
      />
      <div className={`fd-preview-frame is-${device}`} style={{ width }} data-width={width}>
        {render(definition, width)}
      </div>
    </Modal>
  );
}
