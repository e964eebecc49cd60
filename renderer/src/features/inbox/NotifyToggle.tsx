// The inbox's "Notify me" switch: a toast and a system notification when a new device waits.

import { useTranslation } from 'react-i18next';
import { BellIcon } from '../../ui/Icons';
import { notificationPermission, setNotifications, useNotifyPref } from './notifications';

export function NotifyToggle() {
  const { t } = useTranslation();
  const enabled = useNotifyPref((s) => s.enabled);
  const denied = notificationPermission() === 'denied';
  return (
    <label className="toggle" title={denied ? t('inbox.notifyDenied') : t('inbox.notifyHint')}>
      <input
        type="checkbox"
        data-testid="notify-toggle"
        checked={enabled}
        onChange={(e) => void setNotifications(e.target.checked)}
      />
      <BellIcon size={13} />
      <span>{t('inbox.notify')}</span>
    </label>
  );
}
