// Grid cells that the sessions table and the approval inbox show the same way.

import { useTranslation } from 'react-i18next';
import type { SessionRecord } from '../../../shared/types';
import { absoluteTime, ipLabel, relativeTime } from '../lib/format';

/** The client IP ("::ffff:1.2.3.4" shown as "1.2.3.4"; the full value in the tooltip). */
export function IpCell({ ip }: { ip: string }) {
  return (
    <div role="gridcell" className="cell cell--mono col--ip">
      <span className="cell__text" title={ip}>
        {ipLabel(ip)}
      </span>
    </div>
  );
}

/** When the file last changed: relative, with the exact time in the tooltip. */
export function ChangedCell({
  record,
  now,
  className = '',
}: {
  record: SessionRecord;
  now: number;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <div role="gridcell" className={`cell cell--time${className ? ` ${className}` : ''}`}>
      <time
        className="cell__text"
        dateTime={new Date(record.mtimeMs).toISOString()}
        title={absoluteTime(record.mtimeMs, i18n.language)}
      >
        {relativeTime(record.mtimeMs, now, i18n.language, t('time.justNow'))}
      </time>
    </div>
  );
}
