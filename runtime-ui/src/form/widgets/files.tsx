/**
 * Images (inspection photos) and attachments: each file is uploaded as soon as it is chosen, with a
 * progress bar, and the field keeps the `{ fileId, name, size, mime }` the server answered.
 */

import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { FileRef } from '@forecourt/schemas';
import { Button, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useFormScope } from '../scope';
import type { FieldWidget, WidgetProps } from '../types';
import { uploadFile } from '../upload';

const IMAGE_ACCEPT = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

function FileInput({ field, id, value, onChange, readOnly }: WidgetProps<FileRef[]>) {
  const kind = field.type === 'image' ? 'image' : 'attachment';
  const { t } = useTranslation();
  const { uploadFormId } = useFormScope();
  const stored = Array.isArray(value) ? value : [];
  const [pending, setPending] = useState<UploadFile[]>([]);
  // Several uploads finish in any order: each adds to the latest list, not the one it started with.
  const latest = useRef(stored);
  latest.current = stored;
  const maxFiles = typeof field.maxFiles === 'number' ? field.maxFiles : kind === 'image' ? 9 : 10;
  const accept = Array.isArray(field.accept)
    ? (field.accept as string[])
    : kind === 'image'
      ? IMAGE_ACCEPT
      : [];
  const list: UploadFile[] = [
    ...stored.map((file) => ({
      uid: file.fileId,
      name: file.name,
      status: 'done' as const,
      url: `/api/files/${encodeURIComponent(file.fileId)}`,
      ...(kind === 'image' ? { thumbUrl: `/api/files/${encodeURIComponent(file.fileId)}` } : {}),
    })),
    ...pending,
  ];
  const disabled = readOnly || !uploadFormId;
  const full = list.length >= maxFiles;
  const update = (uid: string, patch: Partial<UploadFile> | null) =>
    setPending((files) =>
      patch === null
        ? files.filter((f) => f.uid !== uid)
        : files.map((f) => (f.uid === uid ? { ...f, ...patch } : f)),
    );
  return (
    <Upload
      id={id}
      listType={kind === 'image' ? 'picture-card' : 'text'}
      fileList={list}
      accept={accept.join(',') || undefined}
      multiple={maxFiles > 1}
      disabled={disabled}
      // The camera-only choice: phones open the camera directly.
      capture={kind === 'image' && field.cameraOnly === true ? 'environment' : undefined}
      onRemove={(file) => {
        if (file.status !== 'done') update(file.uid, null);
        else {
          const kept = stored.filter((f) => f.fileId !== file.uid);
          onChange(kept.length ? kept : null);
        }
        return true;
      }}
      customRequest={({ file }) => {
        const blob = file as File & { uid: string };
        const uid = blob.uid;
        setPending((files) => [...files, { uid, name: blob.name, status: 'uploading', percent: 0 }]);
        const upload = uploadFile(uploadFormId ?? '', field.id, blob, blob.name, (percent) =>
          update(uid, { percent }),
        );
        upload.done.then(
          (saved) => {
            update(uid, null);
            latest.current = [...latest.current, saved];
            onChange(latest.current);
          },
          (error: unknown) =>
            update(uid, {
              status: 'error',
              response: error instanceof ApiError ? error.message : String(error),
            }),
        );
      }}
    >
      {!full &&
        !disabled &&
        (kind === 'image' ? (
          <span className="fill-upload-card">
            <PlusOutlined />
            <span>{t('fill.addImage')}</span>
          </span>
        ) : (
          <Button icon={<UploadOutlined />}>{t('fill.addFile')}</Button>
        ))}
    </Upload>
  );
}

export const fileWidgets: Record<string, FieldWidget> = {
  image: { Component: FileInput as FieldWidget['Component'], wide: true },
  attachment: { Component: FileInput as FieldWidget['Component'], wide: true },
};
