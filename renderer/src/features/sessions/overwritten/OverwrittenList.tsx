// The pre-flight dialog's list of overwritten changes: by session, what was set and what the file says now.

import { useTranslation } from 'react-i18next';
import type { OverwrittenChange } from '../../../../../shared/types';
import { describeChange, overwrittenKey } from './overwritten-store';

export function OverwrittenList({ changes }: { changes: OverwrittenChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return null;
  return (
    <div data-testid="preflight-overwritten">
      <p>{t('overwritten.preflight')}</p>
      <ul className="preflight__list">
        {changes.map((c) => (
          <li key={`${overwrittenKey(c.ref)}#${c.field}`}>{describeChange(c)}</li>
        ))}
      </ul>
    </div>
  );
}
