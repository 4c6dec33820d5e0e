// The knowledge page: packs and their counts, importing a file with its progress, searching a pack the way a turn does,
// and an entity's neighbourhood in the graph, drawn as a small graph.
import { api, upload, t, el, say, describe, num, adminPage } from './console.js';

const $ = (id) => document.getElementById(id);
const LISTS = ['bm25', 'vector', 'entity', 'focus'];

// ---- packs ----------------------------------------------------------------------------------------------------------

async function refreshPacks() {
  const packs = await api('/api/admin/packs');
  $('pack-table').tBodies[0].replaceChildren(...packs.map((p) => el('tr', { 'data-pack': p.name },
    el('th', { scope: 'row' }, el('span', { text: p.name }), p.title && p.title !== p.name ? el('span', { class: 'muted small', text: p.title }) : null),
    ...[p.entities, p.facts, p.qa, p.descriptions].map((n) => el('td', { class: 'number', text: num(n) })),
    el('td', { text: p.sources.join(', ') }),
    el('td', { text: p.updatedAt ? new Date(p.updatedAt).toLocaleString(document.documentElement.lang) : '—' }),
    el('td', {}, el('button', { type: 'button', class: 'danger', 'aria-label': t('pack_delete', p.name), onclick: () => deletePack(p.name) }, t('delete'))))));
  for (const select of document.querySelectorAll('.pack-select')) {
    const chosen = select.value;
    select.replaceChildren(...packs.map((p) => el('option', { value: p.name, text: p.name })));
    if (packs.some((p) => p.name === chosen)) select.value = chosen;
  }
  return packs;
}

async function deletePack(name) {
  if (!confirm(t('pack_delete_confirm', name))) return;
  try {
    await api(`/api/admin/packs/${encodeURIComponent(name)}`, { method: 'DELETE' });
    say($('packs-error'), '');
    await refreshPacks();
  } catch (e) {
    say($('packs-error'), describe(e));
  }
}

// ---- import ---------------------------------------------------------------------------------------------------------

async function importFile(e) {
  e.preventDefault();
  const pack = $('upload-pack').value.trim();
  const file = $('upload-file').files[0];
  const progress = $('upload-progress');
  const status = $('upload-state');
  if (!pack || !file) {
    status.textContent = t(pack ? 'upload_no_file' : 'upload_no_pack');
    (pack ? $('upload-file') : $('upload-pack')).focus();
    return;
  }
  $('upload-button').disabled = true;
  progress.hidden = false;
  progress.value = 0;
  status.textContent = t('upload_sending', file.name);
  const format = $('upload-format').value;
  try {
    const result = await upload(`/api/admin/packs/${encodeURIComponent(pack)}/import?format=${format}&name=${encodeURIComponent(file.name)}`,
      file, (share) => {
        if (share < 1) {
          progress.value = Math.round(share * 100);
          return;
        }
        progress.removeAttribute('value'); // sent: the service imports it now, for an unknown while
        status.textContent = t('upload_importing', file.name);
      });
    progress.value = 100;
    const skipped = Object.values(result.skipped || {}).reduce((a, b) => a + b, 0);
    status.textContent = t('upload_done', result.pack, num(result.records), num(result.entities), num(result.facts), num(result.qa),
      num(result.descriptions), num(skipped));
    await refreshPacks();
    $('search-pack').value = pack;
    $('entity-pack').value = pack;
  } catch (err) {
    progress.hidden = true;
    status.textContent = describe(err);
  } finally {
    $('upload-button').disabled = false;
  }
}

// ---- search ---------------------------------------------------------------------------------------------------------

async function search(e) {
  e.preventDefault();
  const pack = $('search-pack').value;
  const q = $('search-q').value.trim();
  say($('search-error'), '');
  if (!q) {
    say($('search-error'), t('search_empty'));
    $('search-q').focus();
    return;
  }
  try {
    const params = new URLSearchParams({ q, format: $('search-format').value, limit: $('search-limit').value || '10' });
    const result = await api(`/api/admin/packs/${encodeURIComponent(pack)}/search?${params}`);
    const table = $('search-results');
    $('search-caption').textContent = t('search_caption', result.hits.length, result.query, result.pack);
    table.tBodies[0].replaceChildren(...result.hits.map((h) => {
      const bar = el('span', { class: 'bar' });
      bar.style.width = `${Math.round(h.score * 100)}%`;
      return el('tr', {},
        el('td', { class: 'number', text: h.rank }),
        el('td', { class: 'score' }, el('span', { class: 'bar-track' }, bar), el('span', { class: 'number', text: num(h.score, 3) })),
        el('td', {}, ...LISTS.filter((l) => h.lists[l]).map((l) => el('span', { class: `badge list-${l}`, title: t(`list_${l}_hint`), text: `${t(`list_${l}`)} #${h.lists[l]}` }))),
        el('td', {}, el('span', { class: 'q', text: h.title }), el('span', { class: 'a', text: h.text })),
        el('td', {}, el('span', { text: h.source }), el('span', { class: 'muted small', text: h.id })));
    }));
    if (!result.hits.length) table.tBodies[0].append(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: t('search_none') })));
    table.hidden = false;
  } catch (err) {
    say($('search-error'), describe(err));
  }
}

// ---- an entity's neighbourhood --------------------------------------------------------------------------------------

async function findEntity(e) {
  e.preventDefault();
  const pack = $('entity-pack').value;
  const name = $('entity-name').value.trim();
  say($('entity-error'), '');
  $('entity-choices').replaceChildren();
  if (!name) {
    say($('entity-error'), t('entity_empty'));
    return;
  }
  try {
    const found = await api(`/api/admin/packs/${encodeURIComponent(pack)}/entities?${new URLSearchParams({ name, limit: '10' })}`);
    if (!found.length) {
      say($('entity-error'), t('entity_none', name, pack));
      return;
    }
    if (found.length > 1) {
      $('entity-choices').append(...found.map((f) => el('li', {},
        el('button', { type: 'button', class: 'link', onclick: () => showEntity(pack, f.id) }, f.fullName || f.name))));
    }
    await showEntity(pack, found[0].id);
  } catch (err) {
    say($('entity-error'), describe(err));
  }
}

async function showEntity(pack, id) {
  try {
    const around = await api(`/api/admin/packs/${encodeURIComponent(pack)}/entities/${encodeURIComponent(id)}?limit=24`);
    $('neighbourhood').replaceChildren(drawing(pack, around), listing(pack, around));
  } catch (err) {
    say($('entity-error'), describe(err));
  }
}

const short = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

// A small radial drawing in inline SVG: a handful of nodes needs no graph library, and the page stays offline.
function drawing(pack, around) {
  const linked = new Set(around.links.filter((l) => l.outgoing).map((l) => `${l.attribute}\u0000${l.other.name}`));
  const nodes = [
    ...around.links.map((l) => ({ kind: 'entity', label: l.other.name, edge: l.attribute, title: l.other.fullName, outgoing: l.outgoing,
      go: () => showEntity(pack, l.other.id) })),
    ...around.facts.filter((f) => !linked.has(`${f.title}\u0000${f.text}`))
      .map((f) => ({ kind: 'fact', label: short(f.text, 12), edge: f.title, title: `${f.title}: ${f.text}` })),
    ...around.descriptions.map((d) => ({ kind: 'description', label: short(d.text, 10), edge: t('description'), title: d.text })),
    ...around.qa.map((q) => ({ kind: 'qa', label: short(q.title, 10), edge: 'QA', title: `${q.title} ${q.text}` })),
  ].slice(0, 24);
  const size = 520;
  const c = size / 2;
  const radius = size / 2 - 70;
  const svg = el('svg:svg', { viewBox: `0 0 ${size} ${size}`, class: 'graph-drawing', role: 'img',
    'aria-label': t('graph_label', around.entity.name, nodes.length) });
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
    n.x = c + radius * Math.cos(angle);
    n.y = c + radius * Math.sin(angle);
    svg.append(el('svg:line', { x1: c, y1: c, x2: n.x, y2: n.y, class: `edge edge-${n.kind}` }));
    svg.append(el('svg:text', { x: (c + n.x) / 2, y: (c + n.y) / 2 - 3, class: 'edge-label', 'text-anchor': 'middle', text: short(n.edge, 8) }));
  });
  for (const n of nodes) {
    const group = el('svg:g', { class: `node node-${n.kind}${n.go ? ' clickable' : ''}` }, el('svg:title', { text: n.title }),
      n.kind === 'entity' ? el('svg:circle', { cx: n.x, cy: n.y, r: 26 }) : el('svg:rect', { x: n.x - 48, y: n.y - 14, width: 96, height: 28, rx: 6 }),
      el('svg:text', { x: n.x, y: n.y + 4, 'text-anchor': 'middle', text: short(n.label, 8) }));
    if (n.go) group.addEventListener('click', n.go);
    svg.append(group);
  }
  svg.append(el('svg:g', { class: 'node node-center' }, el('svg:title', { text: around.entity.fullName }),
    el('svg:circle', { cx: c, cy: c, r: 38 }), el('svg:text', { x: c, y: c + 5, 'text-anchor': 'middle', text: short(around.entity.name, 7) })));
  return el('figure', { class: 'graph-figure' }, svg,
    el('figcaption', { class: 'muted', text: around.truncated ? t('graph_truncated') : t('graph_caption') }));
}

// The same neighbourhood as lists: what a screen reader reads, and the keyboard's way to the linked entities.
function listing(pack, around) {
  const part = (title, items) => (items.length ? el('section', {}, el('h3', { text: title }), el('ul', {}, ...items)) : null);
  return el('div', { class: 'neighbourhood-lists' },
    el('h3', { text: around.entity.fullName }),
    around.aliases.length ? el('p', { class: 'muted', text: t('aliases', around.aliases.join('、')) }) : null,
    part(t('links'), around.links.map((l) => el('li', {}, `${l.outgoing ? '→' : '←'} ${l.attribute}: `,
      el('button', { type: 'button', class: 'link', onclick: () => showEntity(pack, l.other.id) }, l.other.name)))),
    part(t('facts'), around.facts.map((f) => el('li', {}, el('strong', { text: `${f.title}: ` }), f.text))),
    part(t('descriptions'), around.descriptions.map((d) => el('li', { text: d.text }))),
    part('QA', around.qa.map((q) => el('li', {}, el('span', { class: 'q', text: q.title }), el('span', { class: 'a', text: q.text })))));
}

// ---- start ----------------------------------------------------------------------------------------------------------

$('upload-form').addEventListener('submit', importFile);
$('search-form').addEventListener('submit', search);
$('entity-form').addEventListener('submit', findEntity);

adminPage(refreshPacks);
