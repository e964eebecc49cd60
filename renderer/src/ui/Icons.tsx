// Small stroke icons drawn for this app (16 px grid, currentColor), decorative by default.

import type { ReactElement, SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function Svg({ size = 16, children, ...rest }: IconProps & { children: React.ReactNode }): ReactElement {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

export const FolderIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M1.75 4.25c0-.69.56-1.25 1.25-1.25h3l1.5 1.5h5.5c.69 0 1.25.56 1.25 1.25v6.5c0 .69-.56 1.25-1.25 1.25H3c-.69 0-1.25-.56-1.25-1.25z" />
  </Svg>
);

export const RefreshIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M13.25 8A5.25 5.25 0 1 1 11.7 4.3" />
    <path d="M13.25 2.5v3h-3" />
  </Svg>
);

export const PushIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 10.5V2.5" />
    <path d="M4.75 5.75 8 2.5l3.25 3.25" />
    <path d="M2.5 10.5v2a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1v-2" />
  </Svg>
);

/** Settings: two sliders. */
export const GearIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2.5 5h11M2.5 11h11" />
    <circle cx="10.5" cy="5" r="1.75" fill="var(--bg-raised, #fff)" />
    <circle cx="5.5" cy="11" r="1.75" fill="var(--bg-raised, #fff)" />
  </Svg>
);

export const SearchIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="7" cy="7" r="4.25" />
    <path d="m10.25 10.25 3.5 3.5" />
  </Svg>
);

export const CloseIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="m4 4 8 8M12 4l-8 8" />
  </Svg>
);

export const WarningIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M7.13 2.5a1 1 0 0 1 1.74 0l5.4 9.5a1 1 0 0 1-.87 1.5H2.6a1 1 0 0 1-.87-1.5z" />
    <path d="M8 6.25v2.75M8 11.1v.05" />
  </Svg>
);

/** A window with a right-hand pane: the details panel toggle. */
export const DetailsIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="1.75" y="2.75" width="12.5" height="10.5" rx="1.5" />
    <path d="M9.75 2.75v10.5" />
  </Svg>
);

export const CheckIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="m3.25 8.5 3 3 6.5-7" />
  </Svg>
);

export const CopyIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="5.25" y="5.25" width="8" height="8.5" rx="1.25" />
    <path d="M10.75 3.25v-.5c0-.55-.45-1-1-1h-6c-.55 0-1 .45-1 1v7c0 .55.45 1 1 1h.5" />
  </Svg>
);

export const PencilIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M10.5 2.75 13.25 5.5 6 12.75 2.75 13.25 3.25 10z" />
  </Svg>
);

export const ChevronIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="m6 4 4 4-4 4" />
  </Svg>
);

export const SortIcon = ({ dir, ...p }: IconProps & { dir: 'asc' | 'desc' }) => (
  <Svg size={10} {...p}>
    {dir === 'asc' ? <path d="m4 10 4-4 4 4" strokeWidth={2} /> : <path d="m4 6 4 4 4-4" strokeWidth={2} />}
  </Svg>
);

/** A phone with a notch: iOS / iPadOS apps. */
export const AppleDeviceIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="4" y="1.5" width="8" height="13" rx="2" />
    <path d="M6.75 3.25h2.5" />
  </Svg>
);

/** The Android robot's head. */
export const AndroidIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2.5 12.25a5.5 5.5 0 0 1 11 0z" />
    <path d="m4.25 5.25-1.25-2M11.75 5.25l1.25-2" />
    <circle cx="6" cy="9.4" r=".45" fill="currentColor" />
    <circle cx="10" cy="9.4" r=".45" fill="currentColor" />
  </Svg>
);

export const UnknownAppIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="2.5" y="2.5" width="11" height="11" rx="2.5" />
    <path d="M6.5 6.5a1.5 1.5 0 1 1 2 1.4c-.4.2-.5.5-.5.85v.25M8 11v.05" />
  </Svg>
);

export const Spinner = ({ size = 14 }: { size?: number }) => (
  <svg className="spinner" width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeOpacity=".25" strokeWidth="2" />
    <path d="M14 8a6 6 0 0 0-6-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
  </svg>
);

export const ChevronDownIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 6l4 4 4-4" />
  </Svg>
);

export const ExportIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 2v8" />
    <path d="M5 5l3-3 3 3" />
    <path d="M2.75 9.5v3c0 .69.56 1.25 1.25 1.25h8c.69 0 1.25-.56 1.25-1.25v-3" />
  </Svg>
);

export const FilterIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2 3.25h12L9.5 8.5v4.25l-3 1.25V8.5z" />
  </Svg>
);

export const InboxIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2 9.25l1.6-5.1c.17-.53.66-.9 1.22-.9h6.36c.56 0 1.05.37 1.22.9L14 9.25" />
    <path d="M2 9.25v3.5c0 .69.56 1.25 1.25 1.25h9.5c.69 0 1.25-.56 1.25-1.25v-3.5h-3.5l-1 1.75h-3l-1-1.75z" />
  </Svg>
);

export const ActivityIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="6" />
    <path d="M8 4.75V8l2.25 1.5" />
  </Svg>
);

export const BroomIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M10.5 1.75L7.75 7" />
    <path d="M4.5 7.25h6.25l1.5 6.75H3z" />
    <path d="M6 14l.75-3.5M9.25 14l-.25-3.5" />
  </Svg>
);

export const BellIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 11.5V7.25a4 4 0 0 1 8 0v4.25l1.25 1.25H2.75z" />
    <path d="M6.5 14.25a1.6 1.6 0 0 0 3 0" />
  </Svg>
);

export const TrashIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2.75 4.25h10.5M6.25 4.25V2.75h3.5v1.5" />
    <path d="M4 4.25l.6 8.6c.05.66.6 1.15 1.25 1.15h4.3c.66 0 1.2-.5 1.25-1.15l.6-8.6" />
  </Svg>
);

export const UndoIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5.5 4 2.5 7l3 3" />
    <path d="M2.8 7h6.7a4 4 0 0 1 0 8H7" />
  </Svg>
);
