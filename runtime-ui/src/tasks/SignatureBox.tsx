import { Button } from 'antd';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type SignaturePad from 'signature_pad';

export interface SignatureHandle {
  /** The drawing as a PNG data URL, or null while the pad is empty. */
  png(): string | null;
}

/**
 * The handwritten signature (手写签名) a node may require: a pad drawn with finger, pen or mouse.
 * signature_pad loads only here, in the task page's chunk, and only for nodes that ask for it.
 */
export const SignatureBox = forwardRef<SignatureHandle, { labelId: string }>(function SignatureBox(
  { labelId },
  ref,
) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad>(null);
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    let disposed = false;
    void import('signature_pad').then(({ default: Pad }) => {
      const element = canvas.current;
      if (disposed || !element) return;
      // Draw at the screen's pixel density, so the strokes are sharp on a phone.
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      element.width = element.offsetWidth * ratio;
      element.height = element.offsetHeight * ratio;
      element.getContext('2d')?.scale(ratio, ratio);
      const created = new Pad(element, { backgroundColor: 'rgb(255,255,255)' });
      created.addEventListener('endStroke', () => setEmpty(created.isEmpty()));
      pad.current = created;
    });
    return () => {
      disposed = true;
      pad.current?.off();
    };
  }, []);

  useImperativeHandle(ref, () => ({
    png: () => (pad.current && !pad.current.isEmpty() ? pad.current.toDataURL('image/png') : null),
  }));

  return (
    <div className="signature-box">
      <canvas ref={canvas} className="signature-canvas" aria-labelledby={labelId} role="img" />
      <div className="signature-foot">
        <span className="signature-hint">{empty ? t('task.signHere') : t('task.signed')}</span>
        <Button
          size="small"
          disabled={empty}
          onClick={() => {
            pad.current?.clear();
            setEmpty(true);
          }}
        >
          {t('task.clearSignature')}
        </Button>
      </div>
    </div>
  );
});
