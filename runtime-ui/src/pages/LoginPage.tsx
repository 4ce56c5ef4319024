import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Location, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../session/session';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { PageSpinner } from '../shell/Shell';

interface Credentials {
  email: string;
  password: string;
}

/**
 * Where to go after logging in: the page that asked, with its query string and hash, but only a path
 * of this site ("/x", never "//host" or "/\\host", which browsers read as another origin).
 */
function returnPath(from: Partial<Location> | undefined): string {
  const path = `${from?.pathname ?? ''}${from?.search ?? ''}${from?.hash ?? ''}`;
  // Browsers drop tabs and newlines from URLs, so "/\t/host" would become "//host": no control characters.
  const control = [...path].some((c) => c < ' ');
  return /^\/(?![/\\])/.test(path) && !control ? path : '/';
}

/** E-mail and password; afterwards back to the page that asked for a login, or home. */
export default function LoginPage() {
  const { t } = useTranslation();
  const { state, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const from = returnPath((location.state as { from?: Partial<Location> } | null)?.from);

  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'signedIn') return <Navigate to={from} replace />;

  const submit = async ({ email, password }: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(email.trim(), password);
      navigate(from, { replace: true });
    } catch (caught) {
      const code = caught instanceof ApiError ? caught.code : '';
      setError(
        code === 'unauthorized'
          ? t('login.failed')
          : code === 'too_many_requests'
            ? t('login.tooMany')
            : t('errors.generic'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <Typography.Title level={3}>Forecourt</Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        {error && <Alert type="error" title={error} showIcon className="login-error" />}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[{ required: true, type: 'email', message: t('login.emailRequired') }]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
