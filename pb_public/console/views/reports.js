// Reports: the monthly printable report (GET /api/console/report) of the officer's scope, or of
// an area or station in it. The hash may name them (#/reports?month=&area=|station=: the
// link of the digest on the first of a month). "Open report" fetches the document with the
// officer's token and opens it in a new tab as a blob, where the browser prints it on A4;
// the same blob can be saved as a file, which prints alike (its fonts are inside it).
import { ApiError, api } from '../lib/api.js';
import { fieldErrors, h, show } from '../lib/dom.js';
import { logout, state } from '../lib/state.js';
import { errorBox, stationName } from '../lib/ui.js';
import { t } from '../lib/words.js';

// thisMonth is the month of today in the deployment's time zone (the server counts in it).
function thisMonth() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: state.me.config.timezone }).format(new Date()).slice(0, 7);
}

function monthBefore(ym) {
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

// units are the choices: the officer's own unit and the areas under it (from the dashboard's
// scope and league), then each station of the scope; values are "area:CODE" or "station:CODE".
async function units() {
  const d = await api('GET', '/api/console/dashboard');
  const key = (u) => (u.level === 'station' ? 'station:' : 'area:') + u.code;
  const out = [[key(d.scope), stationName(d.scope)]];
  if (d.league) {
    for (const u of [...d.league.rows, ...d.league.silent]) {
      if ((u.level || d.league.level) !== 'station') out.push([key({ ...u, level: 'area' }), stationName(u)]);
    }
  }
  if (d.scope.level !== 'station') {
    for (const s of state.me.stations) out.push(['station:' + s.code, stationName(s)]);
  }
  return out;
}

// fetchReport is the document as a blob; an answer that is not OK becomes an ApiError.
async function fetchReport(query) {
  const res = await fetch('/api/console/report?' + query, { headers: { Authorization: state.token } });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    if (res.status === 401) logout();
    throw new ApiError(res.status, body);
  }
  return res.blob();
}

export async function viewReports() {
  const q = new URLSearchParams(location.hash.split('?')[1] || '');
  const now = thisMonth();
  const month = h('input', { type: 'month', name: 'month', id: 'f-month', max: now, required: true,
    value: q.get('month') || monthBefore(now) });
  const unit = h('select', { name: 'unit', id: 'f-unit' });
  const note = h('p', { class: 'small', role: 'status' });
  const save = h('a', { class: 'button', hidden: true }, t('console.report_save'));
  const form = h('form', { class: 'dash-period', onsubmit: (ev) => { ev.preventDefault(); open(); } },
    h('label', {}, t('console.dash_month'), month),
    h('label', {}, t('console.report_unit'), unit),
    h('button', { type: 'submit', class: 'button' }, t('console.report_open')));
  show(h('section', { class: 'card' }, h('h1', {}, t('console.reports')), form,
    h('p', { class: 'small' }, t('console.report_help')), note, save));
  try {
    const asked = q.get('station') ? 'station:' + q.get('station') : q.get('area') ? 'area:' + q.get('area') : '';
    const options = (await units()).map(([v, label]) => h('option', { value: v, selected: v === asked }, label));
    unit.replaceChildren(...options);
  } catch (err) { note.replaceChildren(errorBox(err)); }

  async function open() {
    // the tab is opened in the click itself, so that no pop-up blocker stops it
    const tab = window.open('', '_blank');
    const [kind, code] = unit.value.split(':');
    const query = new URLSearchParams({ month: month.value, [kind]: code });
    note.textContent = t('console.report_opening');
    save.hidden = true;
    fieldErrors(form, {});
    try {
      const url = URL.createObjectURL(await fetchReport(query));
      if (tab) tab.location = url;
      Object.assign(save, { href: url, download: code + '-' + month.value + '.html', hidden: false });
      note.textContent = '';
    } catch (err) {
      if (tab) tab.close();
      note.replaceChildren(err.status === 404
        ? h('span', { class: 'errors', role: 'alert' }, t('console.dash_not_found')) : errorBox(err));
      fieldErrors(form, err);
    }
  }
}
