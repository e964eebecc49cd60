// The accepted / pending control, used in a row and in the details panel. It shows the
// chosen value while the write is in flight, then whatever the disk says.

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionRef, SessionStatus } from '../../../../shared/types';
import { setStatus } from './session-actions';

export function StatusSelect({
  target,
  status,
  inRow,
}: {
  target: SessionRef;
  status: SessionStatus | null;
  inRow?: boolean;
}) {
  const { t } = useTranslation();
  const [inFlight, setInFlight] = useState<SessionStatus | null>(null);
  useEffect(() => setInFlight(null), [status]);
  const shown = inFlight ?? status;
  return (
    <select
      className={`status-select status-select--${shown ?? 'invalid'}`}
      aria-label={t('status.label')}
      value={shown ?? ''}
      tabIndex={inRow ? -1 : 0}
      data-testid={inRow ? 'row-status' : 'details-status'}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      onChange={(e) => {
        const value = e.target.value;
        if (value !== 'accepted' && value !== 'pending') return;
        setInFlight(value);
        void setStatus([target], value).then((ok) => {
          // On success the engine's event brings the new value; the timer is only a safety net.
          if (!ok) setInFlight(null);
          else setTimeout(() => setInFlight(null), 3000);
        });
      }}
    >
      {shown === null ? (
        <option value="" disabled>
          {t('status.invalid')}
        </option>
      ) : null}
      <option value="accepted">{t('status.accepted')}</option>
      <option value="pending">{t('status.pending')}</option>
    </select>
  );
}
