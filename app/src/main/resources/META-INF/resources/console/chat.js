// The chat page: talk to a bot with streamed replies, and see beside each reply what grounded it.
import { api, stream, t, tOr, el, say, describe, num, modeOf, sendOnEnter, ApiError } from './console.js';

const $ = (id) => document.getElementById(id);
const SESSION = 'xdai.session';
const PROMPT_KINDS = ['background', 'knowledge', 'history', 'utterance', 'blank', 'post-response'];

const state = {
  session: null, // the open session's id
  personas: new Map(), // id -> listed persona
  turns: new Map(), // index -> the turn's reply with its grounding (and prompt, for turns made on this page)
  selected: null, // the index of the reply whose grounding is shown
  busy: false,
  opening: 0, // the latest session asked for: an earlier answer that arrives later is not shown
};

// ---- sessions -------------------------------------------------------------------------------------------------------

async function refreshSessions() {
  const sessions = await api('/api/sessions?limit=50');
  const list = $('session-list');
  list.replaceChildren(...sessions.map((s) => {
    const name = state.personas.get(s.bot)?.displayName || s.bot;
    const title = s.firstUtterance || t('session_empty');
    return el('li', { class: s.id === state.session ? 'current' : null },
      el('button', { type: 'button', class: 'link session-open', 'aria-current': s.id === state.session ? 'true' : null,
        onclick: () => openSession(s.id).catch(showError) },
      el('span', { class: 'session-bot', text: name }), el('span', { class: 'session-title', text: title }),
      el('span', { class: 'muted small', text: `${new Date(s.lastActivity).toLocaleString(document.documentElement.lang)} · ${t('turns_count', s.turns)}` })),
      el('button', { type: 'button', class: 'icon danger', 'aria-label': t('session_delete', title), title: t('delete'),
        onclick: () => deleteSession(s.id, title) }, '×'));
  }));
  $('sessions-empty').hidden = sessions.length > 0;
}

async function newSession() {
  const bot = $('bot').value;
  const mine = ++state.opening;
  const created = await api('/api/sessions', { method: 'POST', body: { bot } });
  if (mine !== state.opening) return;
  showSession(created.id, bot, []);
  await refreshSessions();
}

async function openSession(id) {
  const mine = ++state.opening;
  const session = await api(`/api/sessions/${encodeURIComponent(id)}`);
  if (mine !== state.opening) return;
  if (state.personas.has(session.bot)) $('bot').value = session.bot;
  showSession(session.id, session.bot, session.turns);
  await refreshSessions();
}

function showSession(id, bot, turns) {
  state.session = id;
  state.turns.clear();
  state.selected = null;
  sessionStorage.setItem(SESSION, id);
  $('transcript').replaceChildren();
  say($('chat-error'), '');
  const greeting = state.personas.get(bot)?.greeting;
  if (greeting) $('transcript').append(message('bot greeting', null, greeting, bot));
  for (const turn of turns) {
    $('transcript').append(message('user', turn.index, turn.user));
    addReply(turn.index, { reply: turn.reply, grounding: turn.grounding, index: turn.index }, bot);
  }
  if (turns.length) select(turns[turns.length - 1].index);
  else $('grounding').replaceChildren(el('p', { class: 'muted', text: t('grounding_pick') }));
}

async function deleteSession(id, title) {
  if (!confirm(t('session_delete_confirm', title))) return;
  try {
    await api(`/api/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (id === state.session) await newSession();
    else await refreshSessions();
  } catch (e) {
    showError(e);
  }
}

// ---- the transcript -------------------------------------------------------------------------------------------------

function message(kind, index, text, bot) {
  const who = kind.startsWith('bot') ? (state.personas.get(bot || $('bot').value)?.displayName || bot) : t('you');
  return el('li', { class: `msg ${kind}`, 'data-index': index ?? null },
    el('span', { class: 'who', text: who }), el('p', { class: 'text', text }));
}

function addReply(index, turn, bot) {
  state.turns.set(index, turn);
  const li = message('bot', index, turn.reply, bot);
  finishReply(li, turn);
  $('transcript').append(li);
  return li;
}

function finishReply(li, turn) {
  li.classList.remove('pending');
  li.removeAttribute('aria-busy');
  li.querySelector('.text').textContent = turn.reply;
  const mode = modeOf(turn.grounding);
  li.append(el('div', { class: 'meta' },
    el('span', { class: `badge mode-${mode}`, title: t(`mode_${mode}_hint`), text: t(`mode_${mode}`) }),
    el('button', { type: 'button', class: 'why', 'aria-pressed': 'false', 'aria-controls': 'grounding',
      onclick: () => select(turn.index) }, t('why'))));
}

async function send(text) {
  if (state.busy || !text.trim()) return;
  state.busy = true;
  $('send').disabled = true;
  say($('chat-error'), '');
  const index = state.turns.size;
  $('transcript').append(message('user', index, text));
  const li = message('bot pending', index, '');
  li.setAttribute('aria-busy', 'true');
  $('transcript').append(li);
  li.scrollIntoView({ block: 'nearest' });
  const shown = li.querySelector('.text');
  try {
    await stream(`/api/sessions/${encodeURIComponent(state.session)}/turns?debug=true`,
      { text, emotion: $('emotion').value || null }, {
        token: (piece) => { shown.textContent += piece; },
        restart: () => { shown.textContent = ''; },
        turn: (data) => {
          const turn = JSON.parse(data);
          state.turns.set(turn.index, turn);
          li.dataset.index = turn.index;
          finishReply(li, turn);
          select(turn.index);
        },
        error: (data) => { throw new ApiError(JSON.parse(data).status, JSON.parse(data)); },
      });
    if (li.classList.contains('pending')) throw new Error(t('error_no_reply'));
    $('say').value = '';
    await refreshSessions();
  } catch (e) {
    li.remove();
    $('transcript').lastElementChild?.remove(); // the user's line: it was not stored
    $('say').value = text;
    showError(e);
  } finally {
    state.busy = false;
    $('send').disabled = false;
    $('say').focus();
  }
}

function showError(e) {
  say($('chat-error'), describe(e));
}

// ---- grounding ------------------------------------------------------------------------------------------------------

function select(index) {
  state.selected = index;
  const turn = state.turns.get(index);
  for (const li of $('transcript').children) {
    li.classList.remove('used', 'selected');
    li.querySelector('.used-tag')?.remove();
    li.querySelector('.why')?.setAttribute('aria-pressed', String(Number(li.dataset.index) === index && li.classList.contains('bot')));
  }
  $('transcript').querySelector(`.msg.bot[data-index="${index}"]`)?.classList.add('selected');
  for (const h of turn.grounding?.history || []) {
    for (const li of $('transcript').querySelectorAll(`.msg[data-index="${h.index}"]:not(.greeting)`)) {
      li.classList.add('used');
      if (li.classList.contains('user')) li.append(el('span', { class: 'used-tag', text: t('used_in_prompt', num(h.relevance, 2)) }));
    }
  }
  $('grounding').replaceChildren(...grounding(turn));
}

function section(title, ...content) {
  return el('section', { class: 'g-section' }, el('h3', { text: title }), ...content);
}

function grounding(turn) {
  const g = turn.grounding;
  if (!g) return [el('p', { class: 'muted', text: t('grounding_none') })];
  const mode = modeOf(g);
  const quoted = new Map((g.quoted || []).map((q) => [q.id, q.confidence]));
  const out = [
    el('p', { class: 'g-title' }, el('strong', { text: t('grounding_of', turn.index + 1) }), ' ',
      el('span', { class: `badge mode-${mode}`, text: t(`mode_${mode}`) })),
    el('p', { class: 'muted', text: t(`mode_${mode}_hint`) }),
    el('dl', { class: 'facts' },
      el('dt', { text: t('persona') }), el('dd', { text: g.persona }),
      el('dt', { text: t('emotion') }), el('dd', { text: g.emotion || t('none') }),
      el('dt', { text: t('model') }), el('dd', { text: `${g.model} · ${g.finishReason}` })),
  ];
  if ($('show-prompt').checked) out.push(section(t('prompt'), prompt(turn))); // asked for: first
  out.push(section(t('knowledge'), g.knowledge.length === 0 ? el('p', { class: 'muted', text: t('knowledge_none') })
    : el('ol', { class: 'knowledge-list' }, ...g.knowledge.map((k) => el('li', { class: quoted.has(k.item.id) ? 'quoted' : null },
      el('span', { class: 'q', text: k.item.title }), el('span', { class: 'a', text: k.item.text }),
      el('span', { class: 'k-meta' },
        quoted.has(k.item.id) ? el('span', { class: 'badge mode-quoted', text: t('quoted_with', num(quoted.get(k.item.id), 2)) }) : null,
        el('span', { class: 'badge', text: k.item.pack }), ` ${k.item.source} · ${t('score')} ${num(k.item.score, 2)} · `,
        k.position === 'query' ? t('placed_query') : t('placed_history', Number(k.position.split(':')[1]) + 1)))))));
  if (g.bank) out.push(section(t('bank_origin'), el('p', { text: `${g.bank.bank} · ${g.bank.source} · ${g.bank.id}` })));
  out.push(section(t('background'), g.background.length === 0 ? el('p', { class: 'muted', text: t('none') })
    : el('ul', {}, ...g.background.map((b) => el('li', {}, el('span', { class: 'badge', text: b.knowledgeId ? t('from_knowledge') : t('from_persona') }), ' ', b.text)))));
  out.push(section(t('history_selected'), g.history.length === 0 ? el('p', { class: 'muted', text: t('history_none') })
    : el('ul', {}, ...g.history.map((h) => el('li', {},
      el('button', { type: 'button', class: 'link', onclick: () => $('transcript').querySelector(`.msg.user[data-index="${h.index}"]`)?.scrollIntoView({ block: 'center' }) },
        t('turn_n', h.index + 1)), ` ${h.user} (${t('relevance')} ${num(h.relevance, 2)})`)))));
  out.push(section(t('timings'), timings(g.timingsMs)));
  for (const [key, list] of [['dropped', g.dropped], ['unsupported_numbers', g.unsupportedNumbers], ['notes', g.notes]]) {
    if (list?.length) out.push(section(t(key), el('ul', {}, ...list.map((x) => el('li', { text: x })))));
  }
  return out;
}

function timings(ms) {
  const steps = Object.entries(ms || {}).filter(([k]) => k !== 'total');
  const longest = Math.max(1, ...steps.map(([, v]) => v));
  const list = el('ul', { class: 'bars' }, ...steps.map(([step, v]) => {
    const bar = el('span', { class: 'bar' });
    bar.style.width = `${Math.max(1, (100 * v) / longest)}%`;
    return el('li', {}, el('span', { class: 'bar-label', text: step }), el('span', { class: 'bar-track' }, bar),
      el('span', { class: 'number', text: `${num(v, 1)} ms` }));
  }));
  return [list, el('p', { class: 'muted', text: t('timings_total', num(ms?.total || 0, 0)) })];
}

function prompt(turn) {
  if (!turn.promptParts) return [el('p', { class: 'muted', text: t('prompt_unavailable') })];
  const legend = el('ul', { class: 'legend' }, ...PROMPT_KINDS.map((k) => el('li', { class: `part part-${k}`, text: t(`part_${k.replace('-', '_')}`) })));
  const text = el('p', { class: 'prompt', 'aria-label': t('prompt') });
  turn.promptParts.forEach((p, i) => {
    if (i > 0) text.append(el('span', { class: 'sep', 'aria-hidden': 'true', text: '|' }));
    text.append(el('span', { class: `part part-${p.kind}`, title: t(`part_${p.kind.replace('-', '_')}`) },
      el('span', { class: 'visually-hidden', text: `${t(`part_${p.kind.replace('-', '_')}`)}: ` }), p.text));
  });
  return [legend, text];
}

// ---- start ----------------------------------------------------------------------------------------------------------

async function start() {
  const listing = await api('/api/personas');
  for (const p of listing.personas) state.personas.set(p.id, p);
  $('bot').replaceChildren(...listing.personas.map((p) => el('option', { value: p.id, text: `${p.displayName} (${p.id})` })));
  $('bot').value = state.personas.has('xiaodai') ? 'xiaodai' : listing.personas[0]?.id;
  $('emotion').append(...listing.emotions.map((e) => el('option', { value: e, text: tOr(`emotion_${e}`, e) })));
  const remembered = sessionStorage.getItem(SESSION);
  if (remembered) {
    try {
      await openSession(remembered);
      return;
    } catch {
      sessionStorage.removeItem(SESSION); // deleted, or another key's
    }
  }
  // The default bot first; a key limited to other bots gets the first of those it may talk to.
  const bots = [$('bot').value, ...listing.personas.map((p) => p.id).filter((id) => id !== $('bot').value)];
  for (const [i, bot] of bots.entries()) {
    $('bot').value = bot;
    try {
      await newSession();
      return;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 403 || i === bots.length - 1) throw e;
    }
  }
}

$('say-form').addEventListener('submit', (e) => {
  e.preventDefault();
  send($('say').value);
});
sendOnEnter($('say'));
$('bot').addEventListener('change', () => newSession().catch(showError));
$('new-session').addEventListener('click', () => newSession().catch(showError));
$('show-prompt').addEventListener('change', () => state.selected !== null && select(state.selected));

start().catch(showError);
