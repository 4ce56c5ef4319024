import { LockOutlined } from '@ant-design/icons';
import { Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A link with a password: ask for it (again, saying so, when the one given was wrong). */
export function PasswordGate({
  wrong,
  busy,
  onPassword,
}: {
  wrong: boolean;
  busy: boolean;
  onPassword(password: string): void;
}) {
  const { t } = useTranslation();
  // "Wrong password" stays until they type again, and comes back if the next one is wrong too.
  const [typed, setTyped] = useState(false);
  return (
    <Result
      className="public-result"
      icon={<LockOutlined />}
      title={t('publicPage.password.title')}
      subTitle={t('publicPage.password.hint')}
      extra={
        <Form
          layout="vertical"
          className="public-password"
          requiredMark={false}
          onValuesChange={() => setTyped(true)}
          onFinish={({ password }: { password: string }) => {
            setTyped(false);
            onPassword(password);
          }}
        >
          <Form.Item
            name="password"
            label={t('publicPage.password.label')}
            rules={[{ required: true, message: t('publicPage.password.required') }]}
            {...(wrong && !typed
              ? { validateStatus: 'error' as const, help: t('publicPage.password.wrong') }
              : {})}
          >
            <Input.Password autoFocus autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('publicPage.password.submit')}
          </Button>
        </Form>
      }
    />
  );
}
