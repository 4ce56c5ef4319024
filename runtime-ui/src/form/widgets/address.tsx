/** Address: province / city / district from the national region codes (GB/T 2260), then the street. */
import { type AddressValue, childRegions, provinces, type Region } from '@forecourt/schemas';
import { Cascader, Input } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldWidget, WidgetProps } from '../types';

interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

const DEPTH = { province: 1, city: 2, district: 3 } as const;

function optionsFor(regions: readonly Region[], depth: number): RegionOption[] {
  return regions.map((region) => {
    const children = depth > 1 ? childRegions(region.code) : [];
    return children.length
      ? { value: region.code, label: region.name, children: optionsFor(children, depth - 1) }
      : { value: region.code, label: region.name };
  });
}

function AddressInput({ field, id, value, onChange, readOnly, invalid }: WidgetProps<AddressValue>) {
  const { t } = useTranslation();
  const depth = DEPTH[(field.level as keyof typeof DEPTH) ?? 'district'] ?? 3;
  const options = useMemo(() => optionsFor(provinces(), depth), [depth]);
  const codes = value ? [value.province, value.city, value.district].filter((c): c is string => !!c) : [];
  const withDetail = field.withDetail !== false;
  const set = (regions: string[], detail: string | undefined) => {
    if (regions.length === 0 && !detail) return onChange(null);
    const next: AddressValue = { province: regions[0] ?? '' };
    if (regions[1]) next.city = regions[1];
    if (regions[2]) next.district = regions[2];
    if (detail) next.detail = detail;
    onChange(next);
  };
  return (
    <div className="fill-address">
      <Cascader
        id={id}
        options={options}
        value={codes}
        showSearch
        changeOnSelect={false}
        placeholder={t('fill.pickRegion')}
        disabled={readOnly}
        status={invalid ? 'error' : undefined}
        onChange={(next) => set((next ?? []).map(String), value?.detail)}
      />
      {withDetail && (
        <Input
          aria-label={t('fill.streetAddress')}
          placeholder={t('fill.streetAddress')}
          value={value?.detail ?? ''}
          readOnly={readOnly}
          maxLength={200}
          onChange={(event) => set(codes, event.target.value || undefined)}
        />
      )}
    </div>
  );
}

export const addressWidgets: Record<string, FieldWidget> = {
  address: { Component: AddressInput as FieldWidget['Component'] },
};
