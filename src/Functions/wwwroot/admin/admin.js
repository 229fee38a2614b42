// Reminders admin page: prompts (list, filter, edit with a live SMS counter, enable/disable, create, delete, history,
// export, import) and stats. Talks only to this app's /api; the admin key lives in sessionStorage for this tab only.
(function () {
  'use strict';

  // Must match Reminders.Core.Prompts.PromptCategories.All and PromptAudiences.All (a test compares them).
  const CATEGORIES = ['touch', 'words', 'presence', 'kindness', 'play', 'pets', 'family', 'self'];
  const AUDIENCES = ['partner', 'children', 'pets', 'family', 'friends', 'anyone'];
  const MAX_SEGMENTS = 2; // PromptValidator.MaxSegments: more is refused by the server
  const KEY_STORAGE = 'reminders.adminKey';
  const PAGE_SIZE = 500;

  const state = {
    key: sessionStorage.getItem(KEY_STORAGE),
    prompts: [],
    editing: null, // the prompt being edited, or null when creating
    view: 'prompts',
    subscriber: null, // the E.164 number shown in the Subscribers tab
  };

  const $ = (id) => document.getElementById(id);

  /** Builds an element; children may be strings (set as text, never parsed as HTML) or nodes. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) {
        continue;
      }
      if (name === 'className') {
        node.className = value;
      } else if (name.startsWith('on')) {
        node.addEventListener(name.slice(2), value);
      } else if (value === true) {
        node.setAttribute(name, '');
      } else {
        node.setAttribute(name, value);
      }
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || 'HTTP ' + status);
      this.status = status;
      this.problem = problem || {};
    }
  }

  async function api(method, path, options) {
    const { body, etag } = options || {};
    const headers = { Authorization: 'Bearer ' + state.key, Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (etag) {
      headers['If-Match'] = etag;
    }
    const response = await fetch(path, {
      method: method,
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
    const text = response.status === 204 ? '' : await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = { title: text };
      }
    }
    if (response.status === 401) {
      signOut('The admin key was not accepted.');
      throw new ApiError(401, data);
    }
    if (!response.ok) {
      throw new ApiError(response.status, data);
    }
    return { status: response.status, data: data };
  }

  function problemText(error) {
    const problem = error.problem || {};
    const lines = [problem.title || error.message];
    if (problem.detail && problem.detail !== problem.title) {
      lines.push(problem.detail);
    }
    for (const [field, messages] of Object.entries(problem.errors || {})) {
      lines.push(field + ': ' + messages.join(' '));
    }
    return lines.join('\n');
  }

  // ---------------------------------------------------------------- status toast

  let toastTimer = 0;
  function toast(message, bad) {
    const box = $('status');
    box.textContent = message;
    box.classList.toggle('bad', !!bad);
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, bad ? 9000 : 4000);
  }

  // ---------------------------------------------------------------- sign in / out

  function showSignedIn(signedIn) {
    $('signin-view').hidden = signedIn;
    $('tabs').hidden = !signedIn;
    $('session').hidden = !signedIn;
    $('prompts-view').hidden = !signedIn || state.view !== 'prompts';
    $('stats-view').hidden = !signedIn || state.view !== 'stats';
    $('subscribers-view').hidden = !signedIn || state.view !== 'subscribers';
  }

  function signOut(message) {
    sessionStorage.removeItem(KEY_STORAGE);
    state.key = null;
    state.prompts = [];
    $('prompt-rows').replaceChildren();
    for (const dialog of document.querySelectorAll('dialog[open]')) {
      dialog.close();
    }
    showSignedIn(false);
    const error = $('signin-error');
    error.textContent = message || '';
    error.hidden = !message;
    $('admin-key').focus();
  }

  async function signIn(event) {
    event.preventDefault();
    const key = $('admin-key').value.trim();
    if (!key) {
      return;
    }
    state.key = key;
    try {
      await api('GET', '/api/prompts?pageSize=1');
    } catch (error) {
      if (error.status !== 401) {
        signOut('Could not reach the server: ' + error.message);
      }
      return;
    }
    sessionStorage.setItem(KEY_STORAGE, key);
    $('admin-key').value = '';
    $('signin-error').hidden = true;
    showSignedIn(true);
    switchView('prompts');
  }

  // ---------------------------------------------------------------- views

  function switchView(view) {
    state.view = view;
    for (const tab of document.querySelectorAll('.tab')) {
      tab.classList.toggle('active', tab.dataset.view === view);
    }
    showSignedIn(true);
    if (view === 'prompts') {
      loadPrompts();
    } else if (view === 'stats') {
      loadStats();
    }
  }

  // ---------------------------------------------------------------- prompts list

  async function loadPrompts() {
    const params = new URLSearchParams({ pageSize: String(PAGE_SIZE) });
    if ($('filter-category').value) {
      params.set('category', $('filter-category').value);
    }
    if ($('filter-enabled').value) {
      params.set('enabled', $('filter-enabled').value);
    }
    const all = [];
    try {
      let token = null;
      do {
        if (token) {
          params.set('continuationToken', token);
        }
        const page = (await api('GET', '/api/prompts?' + params.toString())).data;
        all.push(...page.items);
        token = page.continuationToken;
      } while (token);
    } catch (error) {
      if (error.status !== 401) {
        toast(problemText(error), true);
      }
      return;
    }
    state.prompts = all;
    renderPrompts();
  }

  function smsBadge(sms) {
    const over = sms.segments > MAX_SEGMENTS;
    const kind = over ? 'bad' : (sms.segments > 1 || sms.encoding !== 'GSM-7') ? 'warn' : 'ok';
    return el('span', { className: 'badge ' + kind, title: sms.units + ' units' },
      sms.encoding + ' \u00b7 ' + sms.segments + (sms.segments === 1 ? ' segment' : ' segments'));
  }

  function renderPrompts() {
    const query = $('search').value.trim().toLowerCase();
    const shown = state.prompts.filter(function (p) {
      return !query || p.id.toLowerCase().includes(query) || p.text.toLowerCase().includes(query);
    });
    const rows = shown.map(function (p) {
      const toggle = el('input', {
        type: 'checkbox',
        'aria-label': (p.enabled ? 'Disable ' : 'Enable ') + p.id,
        onchange: function (event) { setEnabled(p, event.target.checked, event.target); },
      });
      toggle.checked = p.enabled;
      return el('tr', { className: p.enabled ? '' : 'disabled', 'data-id': p.id },
        el('td', { className: 'id' }, p.id),
        el('td', { className: 'text' }, p.text),
        el('td', null, p.category),
        el('td', null, p.audience),
        el('td', null, smsBadge(p.sms)),
        el('td', null, el('label', { className: 'switch' }, toggle, el('span'))),
        el('td', { className: 'actions' },
          el('button', { type: 'button', className: 'link', 'data-action': 'edit', onclick: function () { openEditor(p); } }, 'Edit'),
          el('button', { type: 'button', className: 'link', 'data-action': 'history', onclick: function () { openHistory(p); } }, 'History'),
          el('button', { type: 'button', className: 'link danger', 'data-action': 'delete', onclick: function () { deletePrompt(p); } }, 'Delete')));
    });
    if (rows.length === 0) {
      rows.push(el('tr', null, el('td', { colspan: '7', className: 'empty' }, 'No prompts match.')));
    }
    $('prompt-rows').replaceChildren(...rows);
    const enabled = state.prompts.filter(function (p) { return p.enabled; }).length;
    $('prompt-count').textContent = shown.length + ' shown of ' + state.prompts.length + ' (' + enabled + ' enabled)';
  }

  function replacePrompt(updated) {
    const index = state.prompts.findIndex(function (p) { return p.id === updated.id; });
    if (index >= 0) {
      state.prompts[index] = updated;
    } else {
      state.prompts.push(updated);
      state.prompts.sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
    }
    renderPrompts();
  }

  function bodyOf(prompt) {
    return { text: prompt.text, category: prompt.category, audience: prompt.audience, why: prompt.why, enabled: prompt.enabled };
  }

  async function setEnabled(prompt, enabled, checkbox) {
    checkbox.disabled = true;
    try {
      const body = Object.assign(bodyOf(prompt), { enabled: enabled });
      const saved = (await api('PUT', '/api/prompts/' + encodeURIComponent(prompt.id), { body: body, etag: prompt.etag })).data;
      replacePrompt(saved.prompt);
      toast((enabled ? 'Enabled ' : 'Disabled ') + prompt.id);
    } catch (error) {
      checkbox.checked = !enabled;
      checkbox.disabled = false;
      if (error.status === 412) {
        toast('Someone else changed ' + prompt.id + '; the list was reloaded.', true);
        loadPrompts();
      } else if (error.status !== 401) {
        toast(problemText(error), true);
      }
    }
  }

  async function deletePrompt(prompt) {
    if (!confirm('Delete "' + prompt.id + '"?\n\nA prompt that has been sent is disabled instead of erased.')) {
      return;
    }
    try {
      const result = await api('DELETE', '/api/prompts/' + encodeURIComponent(prompt.id), { etag: prompt.etag });
      if (result.status === 204) {
        state.prompts = state.prompts.filter(function (p) { return p.id !== prompt.id; });
        renderPrompts();
        toast('Deleted ' + prompt.id);
      } else {
        replacePrompt(result.data.prompt);
        toast(prompt.id + ' has been sent, so it was disabled rather than deleted.');
      }
    } catch (error) {
      if (error.status === 412) {
        toast('Someone else changed ' + prompt.id + '; the list was reloaded.', true);
        loadPrompts();
      } else if (error.status !== 401) {
        toast(problemText(error), true);
      }
    }
  }

  // ---------------------------------------------------------------- editor

  /** The program name nudges start with; the page is served with it, else the default. */
  const PROGRAM_NAME = document.documentElement.dataset.programName || 'Reminders';

  /**
   * Shows the live SMS count of a textarea's value, as the server will count it: a prompt's text as the nudge it
   * becomes ("Reminders: ... Reply STOP to end."), so the count is what each subscriber is billed.
   */
  function updateCounter(prefix) {
    const text = $('edit-' + prefix).value;
    const count = prefix === 'text' ? SmsSegments.countNudge(text, PROGRAM_NAME) : SmsSegments.count(text);
    const over = count.segments > MAX_SEGMENTS;
    const single = count.encoding === 'GSM-7' ? 160 : 70;
    const perPart = count.encoding === 'GSM-7' ? 153 : 67;
    const limit = count.segments === 1 ? single : count.segments * perPart;
    $(prefix + '-count').textContent = count.length + (count.length === 1 ? ' character' : ' characters')
      + (count.units !== count.length ? ' (' + count.units + ' units)' : '') + ' of ' + limit;
    const encoding = $(prefix + '-encoding');
    encoding.textContent = count.encoding;
    encoding.className = 'badge ' + (count.encoding === 'GSM-7' ? 'ok' : 'warn');
    const segments = $(prefix + '-segments');
    segments.textContent = count.segments + (count.segments === 1 ? ' segment' : ' segments');
    segments.className = 'badge ' + (over ? 'bad' : count.segments > 1 ? 'warn' : 'ok');
    const hints = [];
    if (over) {
      hints.push('Too long: at most ' + MAX_SEGMENTS + ' segments.');
    } else if (count.segments > 1) {
      hints.push('Every subscriber is billed ' + count.segments + ' messages.');
    }
    if (count.encoding !== 'GSM-7') {
      hints.push('Not GSM-7: ' + SmsSegments.nonGsm7Characters(text).join(' ') + ' (70 characters per segment).');
    }
    $(prefix + '-hint').textContent = hints.join(' ');
    $(prefix + '-counter').classList.toggle('over', over);
  }

  function clearErrors() {
    for (const node of document.querySelectorAll('#editor .field-error')) {
      node.hidden = true;
      node.textContent = '';
    }
    $('editor-error').hidden = true;
  }

  function fillSelect(select, values) {
    select.replaceChildren(...values.map(function (v) { return el('option', { value: v }, v); }));
  }

  function openEditor(prompt) {
    state.editing = prompt || null;
    clearErrors();
    $('editor-title').textContent = prompt ? 'Edit ' + prompt.id : 'New prompt';
    $('edit-id').value = prompt ? prompt.id : '';
    $('edit-id').readOnly = !!prompt;
    $('edit-category').value = prompt ? prompt.category : CATEGORIES[0];
    $('edit-audience').value = prompt ? prompt.audience : 'anyone';
    $('edit-enabled').checked = prompt ? prompt.enabled : true;
    $('edit-text').value = prompt ? prompt.text : '';
    $('edit-why').value = prompt ? prompt.why : '';
    $('editor-source').textContent = prompt ? 'Source: ' + prompt.source : '';
    updateCounter('text');
    updateCounter('why');
    $('editor').showModal();
    (prompt ? $('edit-text') : $('edit-id')).focus();
  }

  async function save(event) {
    event.preventDefault();
    clearErrors();
    const body = {
      text: $('edit-text').value,
      category: $('edit-category').value,
      audience: $('edit-audience').value,
      why: $('edit-why').value,
      enabled: $('edit-enabled').checked,
    };
    const editing = state.editing;
    $('save').disabled = true;
    try {
      const result = editing
        ? await api('PUT', '/api/prompts/' + encodeURIComponent(editing.id), { body: body, etag: editing.etag })
        : await api('POST', '/api/prompts', { body: Object.assign({ id: $('edit-id').value.trim() }, body) });
      const saved = result.data;
      replacePrompt(saved.prompt);
      $('editor').close();
      const warnings = Object.values(saved.warnings || {}).flat();
      toast('Saved ' + saved.prompt.id + (warnings.length ? '\n' + warnings.join('\n') : ''));
    } catch (error) {
      if (error.status === 401) {
        return;
      }
      const errors = (error.problem && error.problem.errors) || {};
      let shown = false;
      for (const [field, messages] of Object.entries(errors)) {
        const node = document.querySelector('#editor .field-error[data-field="' + CSS.escape(field) + '"]');
        if (node) {
          node.textContent = messages.join(' ');
          node.hidden = false;
          shown = true;
        }
      }
      if (!shown || error.status !== 400) {
        $('editor-error').textContent = error.status === 412
          ? 'Someone else changed this prompt since you opened it. Close, let the list reload, and edit again.'
          : problemText(error);
        $('editor-error').hidden = false;
      }
      if (error.status === 412) {
        loadPrompts();
      }
    } finally {
      $('save').disabled = false;
    }
  }

  // ---------------------------------------------------------------- history

  const FIELDS = ['text', 'category', 'audience', 'why', 'enabled', 'source'];

  function describeChange(change) {
    const items = [];
    for (const field of FIELDS) {
      const before = change.before ? change.before[field] : undefined;
      const after = change.after ? change.after[field] : undefined;
      if (before === after) {
        continue;
      }
      items.push(el('div', { className: 'change' },
        el('strong', null, field + ': '),
        before !== undefined ? el('span', { className: 'before' }, String(before)) : null,
        before !== undefined && after !== undefined ? ' \u2192 ' : null,
        after !== undefined ? el('span', { className: 'after' }, String(after)) : null));
    }
    return items;
  }

  async function openHistory(prompt) {
    $('history-title').textContent = 'History of ' + prompt.id;
    const list = $('history-list');
    list.replaceChildren(el('li', { className: 'muted' }, 'Loading\u2026'));
    $('history').showModal();
    try {
      const history = (await api('GET', '/api/prompts/' + encodeURIComponent(prompt.id) + '/history')).data;
      const items = history.changes.map(function (change) {
        return el('li', null,
          el('div', null,
            el('span', { className: 'when' }, new Date(change.at).toLocaleString()),
            ' \u00b7 ', el('span', { className: 'badge' }, change.action),
            ' by ', el('strong', null, change.actor)),
          ...describeChange(change));
      });
      list.replaceChildren(...(items.length ? items : [el('li', { className: 'muted' }, 'No admin changes yet (as shipped in the built-in library).')]));
    } catch (error) {
      if (error.status !== 401) {
        list.replaceChildren(el('li', { className: 'error' }, problemText(error)));
      }
    }
  }

  // ---------------------------------------------------------------- export / import

  async function exportLibrary() {
    try {
      const data = (await api('GET', '/api/prompts/export')).data;
      const blob = new Blob([JSON.stringify(data, null, 2) + '\n'], { type: 'application/json' });
      const link = el('a', { href: URL.createObjectURL(blob), download: 'prompts-' + data.exportedAt.slice(0, 10) + '.json' });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      toast('Exported ' + data.prompts.length + ' prompts');
    } catch (error) {
      if (error.status !== 401) {
        toast(problemText(error), true);
      }
    }
  }

  async function importLibrary(file) {
    let body;
    try {
      body = JSON.parse(await file.text());
    } catch (e) {
      toast(file.name + ' is not JSON.', true);
      return;
    }
    try {
      const result = (await api('POST', '/api/prompts/import', { body: body })).data;
      toast('Imported: ' + result.created + ' created, ' + result.updated + ' updated, ' + result.unchanged + ' unchanged');
      loadPrompts();
    } catch (error) {
      if (error.status !== 401) {
        toast('Nothing was imported.\n' + problemText(error), true);
      }
    }
  }

  // ---------------------------------------------------------------- stats

  function statCard(label, value) {
    return el('div', { className: 'stat' }, el('div', { className: 'label' }, label), el('div', { className: 'value' }, String(value)));
  }

  function countCells(c) {
    return [c.sent, c.delivered, c.failed, c.optOuts, c.done].map(function (n) { return el('td', null, String(n)); });
  }

  async function loadStats(event) {
    if (event) {
      event.preventDefault();
    }
    $('stats-error').hidden = true;
    let stats;
    try {
      // The first time, let the server choose the range (the last 30 days by its clock) and show it.
      const params = new URLSearchParams();
      if ($('stats-from').value && $('stats-to').value) {
        params.set('from', $('stats-from').value);
        params.set('to', $('stats-to').value);
      }
      stats = (await api('GET', '/api/stats?' + params.toString())).data;
      $('stats-from').value = stats.from;
      $('stats-to').value = stats.to;
    } catch (error) {
      if (error.status !== 401) {
        $('stats-error').textContent = problemText(error);
        $('stats-error').hidden = false;
      }
      return;
    }
    const t = stats.totals;
    $('stats-totals').replaceChildren(
      statCard('Sent', t.sent), statCard('Delivered', t.delivered), statCard('Failed', t.failed),
      statCard('Opt-outs', t.optOuts), statCard('DONE replies', t.done));
    const s = stats.subscribers;
    $('stats-subscribers').replaceChildren(
      statCard('Active', s.active), statCard('Pending', s.pending), statCard('Paused', s.paused),
      statCard('Stopped', s.stopped), statCard('Total', s.total));
    const peak = Math.max(1, ...stats.days.map(function (d) { return d.counts.sent; }));
    const dayRows = stats.days.map(function (d) {
      const bar = el('div', { className: 'bar' });
      bar.style.width = Math.round(100 * d.counts.sent / peak) + '%';
      return el('tr', null, el('td', null, d.date), ...countCells(d.counts), el('td', { className: 'bar-cell' }, bar));
    });
    const promptRows = stats.prompts.map(function (p) {
      return el('tr', null, el('td', { className: 'id', title: p.text || 'erased' }, p.promptId), ...countCells(p.counts));
    });
    $('stats-days').tBodies[0].replaceChildren(...(dayRows.length ? dayRows : [el('tr', null, el('td', { colspan: '7', className: 'empty' }, 'No texts in this range.'))]));
    $('stats-prompts').tBodies[0].replaceChildren(...(promptRows.length ? promptRows : [el('tr', null, el('td', { colspan: '6', className: 'empty' }, 'No texts in this range.'))]));
  }

  // ---------------------------------------------------------------- wiring

  // ---------------------------------------------------------------- subscribers

  function subscriberPath(suffix) {
    return '/api/subscriptions/' + encodeURIComponent(state.subscriber) + (suffix || '');
  }

  function showSubscriberError(error) {
    const box = $('subscriber-error');
    box.textContent = error ? problemText(error) : '';
    box.hidden = !error;
  }

  async function findSubscriber(event) {
    if (event) {
      event.preventDefault();
    }
    state.subscriber = $('subscriber-phone').value.trim();
    showSubscriberError(null);
    $('subscriber-detail').hidden = true;
    try {
      const found = await api('GET', subscriberPath(''));
      const messages = await api('GET', subscriberPath('/messages?max=100'));
      state.subscriber = found.data.phone;
      renderSubscriber(found.data, messages.data || []);
    } catch (error) {
      showSubscriberError(error);
    }
  }

  function renderSubscriber(subscriber, messages) {
    const facts = $('subscriber-facts');
    facts.replaceChildren();
    for (const [name, value] of [['Number', subscriber.phone], ['Status', subscriber.status], ['Zone', subscriber.timeZone],
      ['Send at', subscriber.sendAt], ['Paused until', subscriber.pausedUntil || '-']]) {
      facts.append(el('div', { className: 'card' }, el('dt', null, name), el('dd', null, value === undefined ? '-' : value)));
    }
    const rows = $('subscriber-messages').querySelector('tbody');
    rows.replaceChildren(...messages.map(function (m) {
      return el('tr', null, el('td', null, m.at), el('td', null, m.kind), el('td', null, m.body), el('td', null, m.outcome));
    }));
    $('subscriber-detail').hidden = false;
  }

  async function changeSubscriber(change) {
    showSubscriberError(null);
    try {
      await api('PATCH', subscriberPath(''), { body: change });
      toast('Saved.');
      await findSubscriber(null);
    } catch (error) {
      showSubscriberError(error);
    }
  }

  async function exportSubscriber() {
    showSubscriberError(null);
    try {
      const result = await api('GET', subscriberPath('/export'));
      const blob = new Blob([JSON.stringify(result.data, null, 2)], { type: 'application/json' });
      const link = el('a', { href: URL.createObjectURL(blob), download: 'subscriber-export.json' });
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      showSubscriberError(error);
    }
  }

  async function eraseSubscriber() {
    const typed = window.prompt('Erase everything held on ' + state.subscriber + '? The consent log is kept under a pseudonym. Type the number again to confirm.');
    if (typed === null) {
      return;
    }
    if (typed.trim() !== state.subscriber) {
      toast('The number did not match; nothing was erased.', true);
      return;
    }
    try {
      await api('DELETE', subscriberPath(''));
      $('subscriber-detail').hidden = true;
      toast('Erased.');
    } catch (error) {
      showSubscriberError(error);
    }
  }

  function start() {
    fillSelect($('edit-category'), CATEGORIES);
    fillSelect($('edit-audience'), AUDIENCES);
    for (const category of CATEGORIES) {
      $('filter-category').append(el('option', { value: category }, category));
    }

    $('signin-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', function () { signOut(''); });
    for (const tab of document.querySelectorAll('.tab')) {
      tab.addEventListener('click', function () { switchView(tab.dataset.view); });
    }
    $('search').addEventListener('input', renderPrompts);
    $('filter-category').addEventListener('change', loadPrompts);
    $('filter-enabled').addEventListener('change', loadPrompts);
    $('new-prompt').addEventListener('click', function () { openEditor(null); });
    $('export').addEventListener('click', exportLibrary);
    $('import').addEventListener('click', function () { $('import-file').click(); });
    $('import-file').addEventListener('change', function (event) {
      const file = event.target.files[0];
      event.target.value = '';
      if (file) {
        importLibrary(file);
      }
    });
    $('edit-text').addEventListener('input', function () { updateCounter('text'); });
    $('edit-why').addEventListener('input', function () { updateCounter('why'); });
    $('editor-form').addEventListener('submit', save);
    $('editor-cancel').addEventListener('click', function () { $('editor').close(); });
    $('history-close').addEventListener('click', function () { $('history').close(); });
    $('stats-form').addEventListener('submit', loadStats);
    $('subscriber-form').addEventListener('submit', findSubscriber);
    $('subscriber-pause').addEventListener('click', function () { changeSubscriber({ status: 'paused', pausedUntil: $('subscriber-pause-until').value }); });
    $('subscriber-stop').addEventListener('click', function () { changeSubscriber({ status: 'stopped' }); });
    $('subscriber-export').addEventListener('click', exportSubscriber);
    $('subscriber-erase').addEventListener('click', eraseSubscriber);

    if (state.key) {
      showSignedIn(true);
      switchView('prompts');
    } else {
      showSignedIn(false);
    }
  }

  start();
})();
