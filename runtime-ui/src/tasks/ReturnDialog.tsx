import { Form, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '../api/types';
import { useLabel } from '../i18n/label';

export type Resume = 'normal' | 'direct';

/**
 * 退回: to which passed step (nearest first, the server's `returnTargets`), and how the flow goes on
 * once that step is done again — through every step after it (normal), or straight back to me
 * (direct). The engine checks the choice again; a step not passed is refused there.
 */
export function ReturnDialog({
  open,
  targets,
  onCancel,
  onChoose,
}: {
  open: boolean;
  targets: TaskView['returnTargets'];
  onCancel(): void;
  onChoose(to: string, resume: Resume): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const [to, setTo] = useState<string>();
  const [resume, setResume] = useState<Resume>('normal');
  const chosen = to ?? targets[0]?.nodeId;
  const name = (target: TaskView['returnTargets'][number]) =>
    target.type === 'start'
      ? t('task.returnToSubmitter')
      : (target.label && label(target.label)) || target.nodeId;
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={t('task.returnTitle')}
      okText={t('task.return')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !chosen }}
      onOk={() => chosen && onChoose(chosen, resume)}
      onCancel={onCancel}
      afterClose={() => {
        setTo(undefined);
        setResume('normal');
      }}
    >
      <Form layout="vertical">
        <Form.Item label={t('task.returnTo')}>
          <Radio.Group
            className="return-choices"
            value={chosen}
            onChange={(e) => setTo(e.target.value)}
            options={targets.map((target) => ({ value: target.nodeId, label: name(target) }))}
          />
        </Form.Item>
        <Form.Item label={t('task.returnResume')}>
          <Radio.Group
            className="return-choices"
            value={resume}
            onChange={(e) => setResume(e.target.value)}
            options={[
              { value: 'normal', label: t('task.resumeNormal') },
              { value: 'direct', label: t('task.resumeDirect') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
