// "Export ▾": CSV or JSON of whatever the caller passes (the view, or the selection).

import { useTranslation } from 'react-i18next';
import type { ExportFormat } from './export-actions';
import { ChevronDownIcon, ExportIcon } from '../../ui/Icons';
import { Popover } from '../../ui/Popover';

export function ExportMenu({
  onExport,
  count,
  small,
}: {
  onExport: (format: ExportFormat) => void;
  count: number;
  small?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Popover
      kind="menu"
      label={
        <>
          <ExportIcon size={13} />
          <span>{t('exporting.button')}</span>
          <ChevronDownIcon size={10} />
        </>
      }
      buttonClass={`button${small ? ' button--small' : ''}`}
      testId="export-button"
      panelTestId="export-menu"
      panelLabel={t('exporting.button')}
      align="right"
      disabled={count === 0}
      title={t('exporting.hint', { count })}
    >
      {(close) => (
        <>
          {(['csv', 'json'] as const).map((format) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              className="context-menu__item"
              data-testid={`export-${format}`}
              tabIndex={-1}
              onClick={() => {
                close();
                onExport(format);
              }}
            >
              {t(format === 'csv' ? 'exporting.csv' : 'exporting.json', { count })}
            </button>
          ))}
        </>
      )}
    </Popover>
  );
}
