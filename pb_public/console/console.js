// Anubhav's officer console: native ES modules, no build step, no other host. This module
// starts it: the routes and their views. lib/ holds the state, the API, the DOM helper (h,
// which puts everything a citizen typed on the page as text), the router, the words and the
// server's lists; views/ one module per screen. See docs/CONSOLE.md.
import { start } from './lib/router.js';
import { load } from './lib/state.js';
import { viewDashboard } from './views/dashboard.js';
import { viewDigest } from './views/digest.js';
import { frame } from './views/frame.js';
import { viewInbox } from './views/inbox.js';
import { viewItem } from './views/item.js';
import { viewForgot, viewLogin, viewReset } from './views/login.js';
import { viewNew } from './views/new.js';
import { viewReports } from './views/reports.js';
import { viewSettings } from './views/settings.js';

load();
start({
  frame,
  login: viewLogin,
  home: viewInbox, // #/?{filters}
  routes: [
    { path: '/reset/', view: viewReset, open: true }, // #/reset/{token}, the reset mail's link
    { path: '/forgot', view: viewForgot, open: true },
    { path: '/item/', view: viewItem }, // #/item/{id}
    { path: '/new', view: viewNew },
    { path: '/settings', view: viewSettings },
    { path: '/digest', view: viewDigest },
    { path: '/dashboard', view: viewDashboard }, // #/dashboard?{scope and period}
    { path: '/reports', view: viewReports }, // #/reports?{month and area or station}
  ],
});
