/**
 * A handwritten signature (the customer accepting the estimate): drawn on a canvas with signature_pad,
 * then uploaded as a PNG; the field keeps the file id.
 */
import type { SignatureValue } from '@forecourt/schemas';
import { Button, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import { useFormScope } from '../scope';
import type { FieldWidget, WidgetProps } from '../types';
import { uploadFile } from '../upload';

function SignatureInput({ field, id, value, onChange, readOnly }: WidgetProps<SignatureValue>) {
  const { t } = useTranslation();
  const { uploadFormId } = useFormScope();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [drawing, setDrawing] = useState(!value);
  const [state, setState] = useState<'idle' | 'saving' | 'failed'>('idle');

  useEffect(() => {
    if (!drawing || !canvas.current) return;
    const element = canvas.current;
    // Draw at the screen's pixel density so the strokes stay sharp on a phone.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')?.scale(ratio, ratio);
    pad.current = new SignaturePad(element, { backgroundColor: 'rgb(255,255,255)' });
    if (readOnly) pad.current.off();
    return () => {
      pad.current?.off();
      pad.current = null;
    };
  }, [drawing, readOnly]);

  const save = () => {
    if (!pad.current || pad.current.isEmpty() || !uploadFormId) return;
    setState('saving');
    canvas.current?.toBlob((blob) => {
      if (!blob) return setState('failed');
      uploadFile(uploadFormId, field.id, blob, 'signature.png', () => undefined).done.then(
        (saved) => {
          setState('idle');
          setDrawing(false);
          onChange({ fileId: saved.fileId });
        },
        () => setState('failed'),
      );
    }, 'image/png');
  };

  if (!drawing && value)
    return (
      <div className="fill-signature">
        <img id={id} src={`/api/files/${encodeURIComponent(value.fileId)}`} alt={t('fill.signature')} />
        {!readOnly && (
          <Button
            onClick={() => {
              onChange(null);
              setDrawing(true);
            }}
          >
            {t('fill.signAgain')}
          </Button>
        )}
      </div>
    );
  return (
    <div className="fill-signature">
      <canvas id={id} ref={canvas} className="fill-signature-pad" aria-label={t('fill.signHere')} />
      {!uploadFormId ? (
        <Typography.Text type="secondary">{t('fill.uploadsOff')}</Typography.Text>
      ) : (
        !readOnly && (
          <Space>
            <Button onClick={() => pad.current?.clear()}>{t('fill.clear')}</Button>
            <Button type="primary" ghost loading={state === 'saving'} onClick={save}>
              {t('fill.useSignature')}
            </Button>
            {state === 'failed' && <Typography.Text type="danger">{t('fill.uploadFailed')}</Typography.Text>}
          </Space>
        )
      )}
    </div>
  );
}

export const signatureWidgets: Record<string, FieldWidget> = {
  signature: { Component: SignatureInput as FieldWidget['Component'] },
};
