/**
 * A map point: the device's position (a service van at the customer's) or longitude and latitude typed
 * in, with an optional place description. Browsers report WGS-84; the field's coordinate system is kept.
 */

import { EnvironmentOutlined } from '@ant-design/icons';
import type { LocationValue } from '@forecourt/schemas';
import { Button, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldWidget, WidgetProps } from '../types';

function LocationInput({ id, value, onChange, readOnly }: WidgetProps<LocationValue>) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const set = (patch: Partial<LocationValue>) => {
    const next = { ...(value ?? {}), ...patch } as Partial<LocationValue>;
    if (next.lng == null && next.lat == null && !next.address) return onChange(null);
    onChange(next as LocationValue);
  };
  const locate = () => {
    setFailed(false);
    navigator.geolocation?.getCurrentPosition(
      (position) =>
        set({
          lng: Number(position.coords.longitude.toFixed(6)),
          lat: Number(position.coords.latitude.toFixed(6)),
        }),
      () => setFailed(true),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };
  return (
    <div className="fill-location">
      <Space wrap>
        <InputNumber<number>
          id={id}
          aria-label={t('fill.longitude')}
          placeholder={t('fill.longitude')}
          value={value?.lng ?? null}
          min={-180}
          max={180}
          precision={6}
          readOnly={readOnly}
          onChange={(lng) => set({ lng: lng ?? undefined })}
        />
        <InputNumber<number>
          aria-label={t('fill.latitude')}
          placeholder={t('fill.latitude')}
          value={value?.lat ?? null}
          min={-90}
          max={90}
          precision={6}
          readOnly={readOnly}
          onChange={(lat) => set({ lat: lat ?? undefined })}
        />
        {!readOnly && (
          <Button icon={<EnvironmentOutlined />} onClick={locate}>
            {t('fill.locateMe')}
          </Button>
        )}
      </Space>
      <Input
        aria-label={t('fill.placeDescription')}
        placeholder={t('fill.placeDescription')}
        value={value?.address ?? ''}
        readOnly={readOnly}
        maxLength={200}
        onChange={(event) => set({ address: event.target.value || undefined })}
      />
      {failed && <Typography.Text type="danger">{t('fill.locateFailed')}</Typography.Text>}
    </div>
  );
}

export const locationWidgets: Record<string, FieldWidget> = {
  location: { Component: LocationInput as FieldWidget['Component'] },
};
