// Every stylesheet of the renderer, in cascade order. One list, not an import per
// component, so the order cannot drift with the component tree: a later rule wins a tie
// of specificity, and some rules rely on that (a media query after the rule it narrows,
// a row state after the control's own rule). Shared tokens and controls first, then the
// window's layout, shared UI pieces, and each feature's own styles.

import '../styles/base.css';
import '../styles/controls.css';
import './layout.css';
import './sidebar.css';
import '../ui/grid.css';
import '../ui/dialog.css';
import '../ui/context-menu.css';
import '../ui/toasts.css';
import '../ui/json-tree.css';
import '../ui/popover.css';
import '../ui/list-view.css';
import '../ui/list-header.css';
import '../ui/resize-handle.css';
import '../features/sessions/details.css';
import '../features/sessions/status-select.css';
import '../features/sessions/email-cell.css';
import '../features/sessions/search-results.css';
import '../features/problems/problems.css';
import '../features/push/push.css';
import '../features/filters/filters.css';
import '../features/cleanup/cleanup.css';
import '../features/activity/activity.css';
import '../features/inbox/inbox.css';
import '../features/folders/folders.css';
