import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES, type Language } from '../i18n';
import { useMe, useSession } from '../session/session';

/** The user's name and avatar; opens to log out (and, on a phone, to switch the language). */
export function UserMenu({ withLanguages = false }: { withLanguages?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useSession();
  const languageItems = withLanguages
    ? [...LANGUAGES.map((l) => ({ key: `lang:${l.value}`, label: l.label })), { type: 'divider' as const }]
    : [];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: me.user.email, disabled: true },
          { type: 'divider' },
          ...languageItems,
          { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout') },
        ],
        onClick: async ({ key }) => {
          if (key.startsWith('lang:')) return void changeLanguage(key.slice(5) as Language);
          // logout() itself loads /login afresh (session.tsx).
          if (key === 'logout') await logout();
        },
      }}
    >
      <Button type="text" className="user-menu" aria-label={t('shell.userMenu')}>
        <Avatar size="small" icon={<UserOutlined />} />
        <span className="user-name">{me.user.name}</span>
      </Button>
    </Dropdown>
  );
}
