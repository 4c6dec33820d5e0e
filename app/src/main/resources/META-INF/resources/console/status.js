// The status page: readiness of the model, graph server, session journal and indexes, and the turn figures of
// /q/metrics that matter, drawn as small charts and refreshed every few seconds.
import { api, openJson, t, tOr, el, say, describe, num, adminPage, ApiError } from './console.js';

const $ = (id) => document.getElementById(id);
const EVERY_MS = 5000;
const TREND_POINTS = 60;
// The pipeline's steps in the order a turn runs them (docs/architecture.md); others follow by name.
const STEP_ORDER = ['session', 'knowledge', 'history', 'background', 'condition', 'render', 'answer', 'generate', 'score', 'rerank',
  'postprocess', 'persist', 'total'];

const CHECK_ORDER = ['model', 'graph', 'sessions', 'indexes', 'personas'];

const state = { paused: false, timer: null, trend: [] };

// ---- health ---------------------------------------------------------------------------------------------------------

async function refreshHealth() {
  const health = await openJson('/q/health/ready');
  const rank = (c) => (CHECK_ORDER.includes(c.name) ? CHECK_ORDER.indexOf(c.name) : CHECK_ORDER.length);
  const checks = [...health.checks].sort((a, b) => rank(a) - rank(b));
  $('health').replaceChildren(...checks.map((check) => el('li', { class: `card status-${check.status.toLowerCase()}` },
    el('h3', {}, tOr(`check_${check.name}`, check.name), ' ',
      el('span', { class: `badge status-${check.status.toLowerCase()}`, text: t(`status_${check.status.toLowerCase()}`) })),
    el('dl', { class: 'facts' }, ...Object.entries(check.data || {}).flatMap(([k, v]) => [
      el('dt', { text: tOr(`data_${k}`, k) }), el('dd', { text: typeof v === 'number' ? num(v) : String(v) || '—' })])))));
}

// ---- charts: inline SVG, drawn here (a few bars and a line need no chart library, and the page stays offline) -------

function bars(rows, unit, label) {
  const width = 360;
  const row = 24;
  const left = 96;
  const longest = Math.max(1, ...rows.flatMap((r) => [r.value, r.mark ?? 0]));
  const scale = (v) => ((width - left - 70) * v) / longest;
  const svg = el('svg:svg', { viewBox: `0 0 ${width} ${Math.max(1, rows.length) * row + 4}`, class: 'chart-svg', role: 'img', 'aria-label': label });
  rows.forEach((r, i) => {
    const y = i * row + 4;
    svg.append(el('svg:text', { x: left - 6, y: y + 14, 'text-anchor': 'end', class: 'axis', text: r.name }),
      el('svg:rect', { x: left, y, width: Math.max(1, scale(r.value)), height: row - 8, class: `bar-fill ${r.class || ''}` }),
      el('svg:text', { x: left + scale(Math.max(r.value, r.mark ?? 0)) + 6, y: y + 14, class: 'value', text: `${num(r.value, r.digits ?? 0)}${unit}` }));
    if (r.mark !== undefined) svg.append(el('svg:line', { x1: left + scale(r.mark), x2: left + scale(r.mark), y1: y - 2, y2: y + row - 6, class: 'mark' }));
  });
  if (!rows.length) svg.append(el('svg:text', { x: 8, y: 18, class: 'axis', text: t('no_turns_yet') }));
  return svg;
}

function trend(points) {
  const width = 360;
  const height = 120;
  const top = Math.max(1, ...points.map((p) => p.turns));
  const x = (i) => 8 + ((width - 16) * i) / Math.max(1, TREND_POINTS - 1);
  const y = (v) => height - 16 - ((height - 32) * v) / top;
  const svg = el('svg:svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart-svg', role: 'img',
    'aria-label': t('trend_label', points.at(-1)?.turns ?? 0, points.at(-1)?.tokens ?? 0) });
  svg.append(el('svg:line', { x1: 8, x2: width - 8, y1: height - 16, y2: height - 16, class: 'axis-line' }));
  if (points.length > 1) {
    svg.append(el('svg:polyline', { points: points.map((p, i) => `${x(i)},${y(p.turns)}`).join(' '), class: 'trend-line' }));
  }
  const last = points.at(-1);
  if (last) {
    svg.append(el('svg:circle', { cx: x(points.length - 1), cy: y(last.turns), r: 3, class: 'trend-point' }),
      el('svg:text', { x: 8, y: 14, class: 'value', text: t('trend_now', num(last.turns), num(last.tokens)) }));
  }
  return svg;
}

// ---- metrics --------------------------------------------------------------------------------------------------------

async function refreshMetrics() {
  const m = await api('/api/admin/metrics');
  say($('metrics-error'), '');
  const modes = Object.entries(m.turnsByMode).map(([mode, n]) => ({ name: tOr(`mode_${mode}`, mode), value: n, class: `mode-${mode}` }));
  $('chart-turns').replaceChildren(bars(modes, '', t('chart_turns_label', m.turns)));
  const rank = (s) => (STEP_ORDER.includes(s) ? STEP_ORDER.indexOf(s) : STEP_ORDER.length);
  const steps = [...m.steps].sort((a, b) => rank(a.step) - rank(b.step) || a.step.localeCompare(b.step));
  $('chart-steps').replaceChildren(bars(steps.filter((s) => s.step !== 'total')
    .map((s) => ({ name: s.step, value: s.meanMs, mark: Number.isFinite(s.p95Ms) ? s.p95Ms : undefined, digits: 1 })), ' ms',
  t('chart_steps_label')));
  $('steps-table').tBodies[0].replaceChildren(...steps.map((s) => el('tr', {},
    el('th', { scope: 'row', text: s.step }), ...[[s.count, 0], [s.meanMs, 1], [s.p50Ms, 1], [s.p95Ms, 1], [s.maxMs, 1]]
      .map(([v, d]) => el('td', { class: 'number', text: Number.isFinite(v) ? num(v, d) : '—' })))));
  state.trend.push({ turns: m.turns, tokens: m.tokens });
  if (state.trend.length > TREND_POINTS) state.trend.shift();
  $('chart-trend').replaceChildren(trend(state.trend));
}

async function refresh() {
  clearTimeout(state.timer);
  let refused = false; // no key, or not an admin's: the page says so once, and asks no more
  try {
    await Promise.all([refreshHealth(), refreshMetrics()]);
    $('updated').textContent = t('updated_at', new Date().toLocaleTimeString(document.documentElement.lang));
  } catch (e) {
    refused = e instanceof ApiError && (e.status === 401 || e.status === 403);
    throw e;
  } finally {
    if (!state.paused && !refused) state.timer = setTimeout(() => refresh().catch((e) => say($('metrics-error'), describe(e))), EVERY_MS);
  }
}

$('refresh').addEventListener('click', () => refresh().catch((e) => say($('metrics-error'), describe(e))));
$('pause').addEventListener('click', () => {
  state.paused = !state.paused;
  $('pause').setAttribute('aria-pressed', String(state.paused));
  $('pause').textContent = t(state.paused ? 'resume_updates' : 'pause_updates');
  if (state.paused) clearTimeout(state.timer);
  else refresh().catch((e) => say($('metrics-error'), describe(e)));
});

adminPage(refresh);
