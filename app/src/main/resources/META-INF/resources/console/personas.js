// The personas page: list, create and edit personas (a form and the raw YAML, kept in sync), see every problem at its
// field and its line, import a Character Card V2, and try the persona being edited before saving it.
import { api, t, tOr, el, say, describe, adminPage, modeOf, sendOnEnter, ApiError } from './console.js';

const $ = (id) => document.getElementById(id);
const TEXT_FIELDS = ['id', 'displayName', 'background', 'style', 'greeting', 'defaultEmotion', 'answering', 'unknownReply'];
const GENERATION = ['maxNewTokens', 'temperature', 'topK', 'topP', 'repetitionPenalty'];
// The order PersonaWriter writes a persona file in.
const ORDER = ['version', 'id', 'displayName', 'background', 'style', 'greeting', 'defaultEmotion', 'packs', 'examples', 'generation',
  'answering', 'unknownReply'];
const NEW = { version: 1, id: '', displayName: '', background: '' };

const state = {
  doc: { ...NEW }, // the persona as the form and the YAML show it
  savedId: null, // the stored persona being edited; null for a new one
  check: 0, // the latest validation asked for: older answers are ignored
  timer: null,
  history: [], // the side chat's exchanges
};

// ---- YAML, written here so the text follows every keystroke of the form (the server parses it back) -----------------

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMBER_LIKE = /^[-+]?(\.?[0-9]|0[xob]|\.(inf|nan))/i;

function scalar(value, indent) {
  if (typeof value !== 'string') return String(value);
  if (value.includes('\n') && value === value.trim() && !/[\u0000-\u0008\u000b-\u001f\r]/.test(value)) {
    return `|-\n${value.split('\n').map((line) => (line ? indent + line : '')).join('\n')}`;
  }
  const plain = value !== '' && value === value.trim() && !RESERVED.test(value) && !NUMBER_LIKE.test(value)
    && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/:\s|\s#|:$|[\u0000-\u001f]/.test(value);
  return plain ? value : JSON.stringify(value); // a JSON string is a valid YAML double-quoted scalar
}

function isScalar(v) {
  return v === null || typeof v !== 'object';
}

function lines(value, indent) {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (isScalar(item)) return [`${indent}- ${scalar(item, `${indent}  `)}`];
      const [first, ...rest] = lines(item, `${indent}  `);
      return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
    });
  }
  return Object.entries(value).flatMap(([key, v]) => {
    if (isScalar(v)) return [`${indent}${key}: ${scalar(v, `${indent}  `)}`];
    if (Array.isArray(v) && v.length === 0) return [`${indent}${key}: []`];
    return [`${indent}${key}:`, ...lines(v, `${indent}  `)];
  });
}

function toYaml(doc) {
  const ordered = {};
  for (const key of [...ORDER, ...Object.keys(doc)]) if (doc[key] !== undefined && !(key in ordered)) ordered[key] = doc[key];
  return `${lines(ordered, '').join('\n')}\n`;
}

// ---- the form -------------------------------------------------------------------------------------------------------

function field(name) {
  return document.getElementById(`f-${name}`);
}

function addExample(text = '') {
  const i = $('examples').children.length;
  const id = `f-examples-${i}`;
  const box = el('div', { class: 'field example', 'data-field': `examples[${i}]` },
    el('label', { for: id, text: t('example_n', i + 1) }),
    el('textarea', { id, rows: 3, 'aria-describedby': `e-examples-${i}`, oninput: formChanged }),
    el('p', { class: 'field-error', id: `e-examples-${i}` }),
    el('button', { type: 'button', class: 'link danger', onclick: () => { box.remove(); renumberExamples(); formChanged(); } },
      t('example_remove', i + 1)));
  box.querySelector('textarea').value = text;
  $('examples').append(box);
}

function renumberExamples() {
  [...$('examples').children].forEach((box, i) => {
    box.dataset.field = `examples[${i}]`;
    box.querySelector('label').textContent = t('example_n', i + 1);
    box.querySelector('textarea').id = `f-examples-${i}`;
    box.querySelector('label').htmlFor = `f-examples-${i}`;
    box.querySelector('.field-error').id = `e-examples-${i}`;
    box.querySelector('textarea').setAttribute('aria-describedby', `e-examples-${i}`);
    box.querySelector('button').textContent = t('example_remove', i + 1);
  });
}

function fillForm(doc) {
  for (const name of TEXT_FIELDS) {
    const input = field(name);
    const value = doc[name] ?? '';
    if (input.tagName === 'SELECT' && value && ![...input.options].some((o) => o.value === value)) {
      input.append(el('option', { value, text: value }));
    }
    input.value = value;
  }
  field('packs').value = (doc.packs || []).join(', ');
  for (const name of GENERATION) field(`generation.${name}`).value = doc.generation?.[name] ?? '';
  $('examples').replaceChildren();
  for (const example of doc.examples || []) addExample(example.lines.map((l) => l.text).join('\n'));
}

function readForm() {
  const doc = { version: state.doc.version ?? 1 };
  for (const name of TEXT_FIELDS) {
    const value = field(name).value;
    if (value.trim()) doc[name] = value.trim();
  }
  const packs = field('packs').value.split(/[\s,，、]+/).filter(Boolean);
  if (packs.length) doc.packs = packs;
  const examples = [...$('examples').querySelectorAll('textarea')]
    .map((box) => box.value.split('\n').map((s) => s.trim()).filter(Boolean))
    .filter((said) => said.length)
    .map((said) => ({ lines: said.map((text, j) => ({ speaker: j % 2 === 0 ? 'user' : 'bot', text })) }));
  if (examples.length) doc.examples = examples;
  const generation = {};
  for (const name of GENERATION) {
    const value = field(`generation.${name}`).value;
    if (value !== '') generation[name] = Number(value);
  }
  if (Object.keys(generation).length) doc.generation = generation;
  return doc;
}

function formChanged() {
  state.doc = readForm();
  $('yaml').value = toYaml(state.doc);
  gutter([]);
  scheduleCheck('form');
}

function show(doc, savedId, status) {
  state.doc = doc;
  state.savedId = savedId;
  state.history = [];
  $('try-transcript').replaceChildren();
  fillForm(doc);
  $('yaml').value = toYaml(doc);
  clearProblems();
  $('delete-persona').disabled = !savedId;
  $('editor-status').textContent = status;
  markCurrent();
}

// ---- problems at the field and the line -----------------------------------------------------------------------------

function gutter(badLines) {
  const count = $('yaml').value.split('\n').length;
  const bad = new Set(badLines);
  $('yaml-gutter').replaceChildren(...Array.from({ length: count }, (_, i) =>
    el('span', { class: bad.has(i + 1) ? 'bad' : null, text: String(i + 1) })));
  $('yaml-gutter').scrollTop = $('yaml').scrollTop;
}

function clearProblems() {
  for (const box of document.querySelectorAll('[data-field].invalid')) box.classList.remove('invalid');
  for (const input of document.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const p of document.querySelectorAll('.field-error')) p.textContent = '';
  $('general-errors').replaceChildren();
  $('yaml-errors').replaceChildren(el('li', { class: 'muted', text: t('persona_no_problems') }));
  gutter([]);
}

/** The form's place for a field path: `examples[1].lines[0].text` is shown at example 2, `packs[0]` at packs. */
function placeOf(path) {
  const candidates = [path, path.replace(/\].*$/, ']'), path.split(/[.[]/)[0]];
  for (const c of candidates) {
    const box = c && document.querySelector(`[data-field="${CSS.escape(c)}"]`);
    if (box) return box;
  }
  return null;
}

function goToLine(line) {
  const text = $('yaml').value;
  let at = 0;
  for (let i = 1; i < line; i++) at = text.indexOf('\n', at) + 1;
  $('yaml').focus();
  $('yaml').setSelectionRange(at, Math.max(at, text.indexOf('\n', at)));
}

function showProblems(violations) {
  clearProblems();
  const listed = violations.map((v) => {
    const box = placeOf(v.field || '');
    const where = v.line > 0 ? t('at_line', v.line, v.column) : t('at_document');
    const what = `${v.field ? `${v.field}: ` : ''}${v.message}`;
    if (box) {
      box.classList.add('invalid');
      const error = box.querySelector('.field-error');
      error.textContent = error.textContent ? `${error.textContent} ${v.message}` : v.message;
      box.querySelector('input, textarea, select')?.setAttribute('aria-invalid', 'true');
    } else {
      $('general-errors').append(el('li', { text: what }));
    }
    return el('li', {}, v.line > 0
      ? el('button', { type: 'button', class: 'link', onclick: () => goToLine(v.line) }, where)
      : el('span', { text: where }), ` ${what}`);
  });
  $('yaml-errors').replaceChildren(...listed);
  gutter(violations.map((v) => v.line).filter((l) => l > 0));
}

function problemsOf(error) {
  const violations = error.problem?.violations;
  return violations?.length ? violations : [{ field: '', line: 0, column: 0, message: error.message }];
}

// ---- validation and saving ------------------------------------------------------------------------------------------

function scheduleCheck(from) {
  clearTimeout(state.timer);
  $('editor-status').textContent = t('persona_checking');
  state.timer = setTimeout(() => check(from), 400);
}

/** Validates the YAML on the server; from the YAML side, the form takes what the server read. Resolves to the doc or null. */
async function check(from) {
  const mine = ++state.check;
  try {
    const doc = await api('/api/personas/validate', { method: 'POST', body: $('yaml').value, type: 'text/yaml' });
    if (mine !== state.check) return null;
    clearProblems();
    if (from === 'yaml') {
      state.doc = doc;
      fillForm(doc);
    }
    $('editor-status').textContent = t('persona_valid');
    return doc;
  } catch (e) {
    if (mine !== state.check) return null;
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    showProblems(problemsOf(e));
    $('editor-status').textContent = t('persona_invalid', problemsOf(e).length);
    return null;
  }
}

async function save() {
  clearTimeout(state.timer);
  const doc = await check('yaml');
  if (!doc) {
    $('editor-status').textContent = t('persona_fix_first');
    document.querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  try {
    await api(`/api/personas/${encodeURIComponent(doc.id)}`, { method: 'PUT', body: $('yaml').value, type: 'text/yaml' });
    state.savedId = doc.id;
    $('delete-persona').disabled = false;
    await refreshList();
    $('editor-status').textContent = t('persona_saved', doc.id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) showProblems(problemsOf(e));
    $('editor-status').textContent = describe(e);
  }
}

async function remove() {
  if (!state.savedId || !confirm(t('persona_delete_confirm', state.savedId))) return;
  try {
    await api(`/api/personas/${encodeURIComponent(state.savedId)}`, { method: 'DELETE' });
    await refreshList();
    show({ ...NEW }, null, t('persona_deleted'));
  } catch (e) {
    $('editor-status').textContent = describe(e);
  }
}

// ---- the list and the card import -----------------------------------------------------------------------------------

async function refreshList() {
  const listing = await api('/api/personas');
  $('persona-list').replaceChildren(...listing.personas.map((p) => el('li', { 'data-id': p.id },
    el('button', { type: 'button', class: 'link', onclick: () => open(p.id) }, `${p.displayName} (${p.id})`), ' ',
    el('span', { class: 'badge', text: tOr(`origin_${p.origin}`, p.origin) }))));
  for (const problem of listing.problems) $('persona-list').append(el('li', { class: 'error', text: problem }));
  markCurrent();
  return listing;
}

function markCurrent() {
  for (const li of $('persona-list').children) {
    li.querySelector('button')?.setAttribute('aria-current', String(li.dataset.id === state.savedId));
  }
}

async function open(id) {
  try {
    show(await api(`/api/personas/${encodeURIComponent(id)}`), id, t('persona_opened', id));
  } catch (e) {
    $('editor-status').textContent = describe(e);
  }
}

async function importCard(file) {
  const notes = $('card-notes');
  notes.replaceChildren();
  try {
    const result = await api('/api/personas/import/card-v2?validateOnly=true', { method: 'POST', body: await file.text(), type: 'application/json' });
    show(result.persona, null, t('card_imported', file.name));
    notes.append(el('p', { text: t('card_unsaved') }));
    if (result.notes.length) notes.append(el('ul', {}, ...result.notes.map((n) => el('li', { text: n }))));
    if (result.knowledgeHints.length) notes.append(el('p', { class: 'muted', text: t('card_hints', result.knowledgeHints.length) }));
  } catch (e) {
    notes.append(el('p', { class: 'error', role: 'alert', text: describe(e) }));
  }
}

// ---- the side chat: the persona being edited, unsaved ---------------------------------------------------------------

function tryLine(kind, text, mode) {
  return el('li', { class: `msg ${kind}` }, el('span', { class: 'who', text: kind === 'user' ? t('you') : (state.doc.displayName || state.doc.id) }),
    el('p', { class: 'text', text }), mode ? el('span', { class: `badge mode-${mode}`, text: t(`mode_${mode}`) }) : null);
}

async function trySay(text) {
  if (!text.trim()) return;
  say($('try-error'), '');
  $('try-send').disabled = true;
  try {
    const reply = await api('/api/personas/try', { method: 'POST',
      body: { persona: $('yaml').value, format: 'yaml', history: state.history, text } });
    state.history.push({ user: text, bot: reply.reply });
    $('try-transcript').append(tryLine('user', text), tryLine('bot', reply.reply, modeOf(reply.grounding)));
    $('try-say').value = '';
  } catch (e) {
    if (e instanceof ApiError && e.status === 400 && e.problem.violations) showProblems(e.problem.violations);
    say($('try-error'), describe(e));
  } finally {
    $('try-send').disabled = false;
  }
}

// ---- start ----------------------------------------------------------------------------------------------------------

async function start() {
  const [listing, packs] = await Promise.all([refreshList(), api('/api/admin/packs')]);
  field('defaultEmotion').append(...listing.emotions.map((e) => el('option', { value: e, text: tOr(`emotion_${e}`, e) })));
  $('h-packs').textContent = `${t('field_packs_hint')} ${t('packs_known', packs.map((p) => p.name).join(', '))}`;
  const wanted = new URLSearchParams(location.search).get('id');
  if (wanted) await open(wanted);
  else show({ ...NEW }, null, t('persona_new_status'));
}

$('persona-form').addEventListener('input', (e) => e.target.closest('#examples') || formChanged());
$('yaml').addEventListener('input', () => { gutter([]); scheduleCheck('yaml'); });
$('yaml').addEventListener('scroll', () => { $('yaml-gutter').scrollTop = $('yaml').scrollTop; });
$('add-example').addEventListener('click', () => { addExample(); $('examples').lastElementChild.querySelector('textarea').focus(); });
$('new-persona').addEventListener('click', () => show({ ...NEW }, null, t('persona_new_status')));
$('save').addEventListener('click', save);
$('delete-persona').addEventListener('click', remove);
$('card-file').addEventListener('change', (e) => e.target.files[0] && importCard(e.target.files[0]));
$('try-form').addEventListener('submit', (e) => { e.preventDefault(); trySay($('try-say').value); });
sendOnEnter($('try-say'));
$('try-reset').addEventListener('click', () => { state.history = []; $('try-transcript').replaceChildren(); });

adminPage(start);
