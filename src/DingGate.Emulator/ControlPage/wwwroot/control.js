// Control page: a DingTalk-like view of the emulator, driven only by the public control API (/_emulator/*).
(function () {
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  const state = { app: null, users: [], groups: [], conversation: null, conversationType: '1', cards: {} };

  async function api(method, path, body) {
    const res = await fetch(path, { method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error((data && data.error) || `${res.status} ${res.statusText}`);
    return data;
  }

  async function loadFixtures() {
    const [apps, users, groups] = await Promise.all([api('GET', '/_emulator/apps'), api('GET', '/_emulator/users'), api('GET', '/_emulator/groups')]);
    state.users = users; state.groups = groups;
    $('app').innerHTML = apps.map((a) => `<option value="${esc(a.clientId)}">${esc(a.name)} (${esc(a.clientId)})</option>`).join('');
    state.app = apps[0] && apps[0].clientId;
    const userOptions = users.map((u) => `<option value="${esc(u.userId)}">${esc(u.nick)} (${esc(u.userId)})</option>`).join('');
    $('from').innerHTML = userOptions; $('newUser').innerHTML = userOptions;
    // Default to a staff member: external users have no staff id, which most bots cannot answer by OpenAPI.
    const staff = users.find((u) => !u.external);
    if (staff) { $('from').value = staff.userId; $('newUser').value = staff.userId; }
    $('groups').innerHTML = groups.map((g) => `<li class="conv" data-group="${esc(g.openConversationId)}">👥 ${esc(g.title)}</li>`).join('');
  }

  function contentText(e) {
    const c = e.content || {};
    if (typeof c === 'string') return c;
    if (c.text && typeof c.text === 'object') return c.text.content ?? '';
    return c.text ?? c.content ?? c.recognition ?? c.fileName ?? c.title ?? '';
  }

  function renderEntry(e) {
    const cls = ['msg', e.fromBot ? 'bot' : 'user', e.recalled ? 'recalled' : ''].join(' ');
    const who = e.fromBot ? `🤖 bot · ${esc(e.via)}` : `${esc(e.userId ?? 'user')}`;
    const meta = `<div class="meta">${who} · ${esc(e.kind)} · ${new Date(e.at).toLocaleTimeString()}</div>`;
    if (e.kind === 'card' && e.outTrackId) {
      const card = state.cards[e.outTrackId];
      const body = card ? cardBody(card) : '<span class="muted">loading card…</span>';
      return `<div class="${cls} card" data-card="${esc(e.outTrackId)}">${meta}${body}</div>`;
    }
    const kind = String(e.kind || '').toLowerCase();
    const rich = kind.includes('markdown') || kind === 'actioncard';
    const text = contentText(e);
    return `<div class="${cls}">${meta}${rich ? window.renderMarkdown(text) : esc(text).replace(/\n/g, '<br>')}</div>`;
  }

  function cardBody(card) {
    const data = card.publicData || card.cardParamMap || {};
    const streams = card.streamingContent || {};
    const key = card.streamingKey || Object.keys(streams)[0];
    const text = (key && streams[key]) || data[key] || data.msgContent || data.content || '';
    const buttons = card.callbackType === 'STREAM'
      ? `<div class="row"><button type="button" data-click="${esc(card.outTrackId)}">Stop / click</button></div>` : '';
    return `<div>Card <span class="state ${esc(card.state)}">${esc(card.state)}</span></div>${window.renderMarkdown(text)}${buttons}`;
  }

  async function refreshConversation() {
    if (!state.conversation) return;
    const entries = await api('GET', `/_emulator/conversations/${encodeURIComponent(state.conversation)}`);
    await Promise.all(entries.filter((e) => e.kind === 'card' && e.outTrackId).map(async (e) => {
      try { state.cards[e.outTrackId] = await api('GET', `/_emulator/cards/${encodeURIComponent(e.outTrackId)}`); } catch { /* card API not ready */ }
    }));
    const box = $('messages');
    const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 20;
    box.innerHTML = entries.map(renderEntry).join('');
    if (atBottom) box.scrollTop = box.scrollHeight;
  }

  async function refreshSide() {
    const [conversations, faults, traffic] = await Promise.all([
      api('GET', '/_emulator/conversations'), api('GET', '/_emulator/faults'), api('GET', '/_emulator/traffic/http'),
    ]);
    $('conversations').innerHTML = conversations.map((c) => {
      const active = c.conversationId === state.conversation ? ' active' : '';
      const icon = c.conversationType === '2' ? '👥' : '👤';
      return `<li class="conv${active}" data-conv="${esc(c.conversationId)}" data-type="${esc(c.conversationType)}">${icon} ${esc(c.conversationId)} <span class="muted">(${c.messages})</span></li>`;
    }).join('');
    $('faults').innerHTML = faults.routes.map((f) => `<li class="mono">${esc(f.kind)} ${esc(f.path)} ${f.status ?? ''} ${f.remaining ?? ''}</li>`).join('') +
      (faults.ignoreAcks ? '<li>ignoring ACKs</li>' : '');
    $('traffic').innerHTML = traffic.slice(-15).reverse().map((c) => `<li>${c.status} ${esc(c.method)} ${esc(c.path)}</li>`).join('');
    try {
      const connections = await api('GET', '/_emulator/connections');
      $('connections').innerHTML = connections.map((c) => `<li class="mono">${esc(c.state)} ${esc(c.clientId)} ${esc(String(c.id ?? c.connectionId).slice(0, 8))}</li>`).join('') || '<li class="muted">none</li>';
    } catch { $('connections').innerHTML = '<li class="muted">unavailable</li>'; }
  }

  function select(conversationId, type) {
    state.conversation = conversationId; state.conversationType = type;
    $('chatTitle').textContent = (type === '2' ? 'Group ' : '1:1 ') + conversationId;
    $('atBotLabel').style.display = type === '2' ? '' : 'none';
    refreshConversation();
  }

  async function fileToBase64(file) {
    const buffer = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode.apply(null, buffer.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  async function send(ev) {
    ev.preventDefault();
    const body = {
      clientId: state.app, from: $('from').value, msgtype: $('msgtype').value, text: $('text').value,
      conversation: state.conversationType === '2' ? state.conversation : 'dm', atBot: $('atBot').checked,
    };
    const file = $('file').files[0];
    if (file) body.file = { name: file.name, contentType: file.type || 'application/octet-stream', contentBase64: await fileToBase64(file) };
    try {
      const result = await api('POST', '/_emulator/messages', body);
      $('sendStatus').textContent = result.delivered ? `pushed as ${result.messageId}` : `not pushed: ${result.reason}`;
      $('text').value = ''; $('file').value = '';
      if (state.conversationType !== '2') select(result.conversationId, '1'); else refreshConversation();
    } catch (e) { $('sendStatus').textContent = 'error: ' + e.message; }
  }

  document.addEventListener('click', async (ev) => {
    const t = ev.target.closest('[data-conv],[data-group],[data-post],[data-fault],[data-click]');
    if (!t) return;
    try {
      if (t.dataset.conv) select(t.dataset.conv, t.dataset.type);
      else if (t.dataset.group) select(t.dataset.group, '2');
      else if (t.dataset.post) await api('POST', t.dataset.post, { clientId: state.app });
      else if (t.dataset.fault) await api('POST', '/_emulator/faults', JSON.parse(t.dataset.fault));
      else if (t.dataset.click) {
        await api('POST', `/_emulator/cards/${encodeURIComponent(t.dataset.click)}/click`, { userId: $('from').value, actionIds: ['stop'], params: { action: 'stop' } });
      }
    } catch (e) { $('sendStatus').textContent = 'error: ' + e.message; }
  });
  // Sandbox panel: present when the host (dinggate sandbox) serves /_sandbox/* next to the emulator.
  async function loadSandbox() {
    try {
      const s = await api('GET', '/_sandbox/settings');
      $('sandbox').hidden = false;
      $('sbMessageType').value = s.messageType; $('sbDmPolicy').value = s.dmPolicy; $('sbGroupPolicy').value = s.groupPolicy;
      $('sbModel').textContent = `Model: ${s.model} · gateway ${s.running ? 'running' : 'stopped'}`;
      state.sandbox = true;
    } catch { state.sandbox = false; }
  }

  async function refreshSandbox() {
    if (!state.sandbox) return;
    const pending = await api('GET', '/_sandbox/pairing');
    $('sbPairing').innerHTML = pending.map((p) => `<li>${esc(p.nick)} (${esc(p.userId)}) <span class="mono">${esc(p.code)}</span> <button type="button" data-approve="${esc(p.code)}">Approve</button></li>`).join('') || '<li class="muted">none</li>';
  }

  $('sbApply').addEventListener('click', async () => {
    $('sbStatus').textContent = 'restarting the gateway…';
    try {
      await api('PUT', '/_sandbox/settings', { messageType: $('sbMessageType').value, dmPolicy: $('sbDmPolicy').value, groupPolicy: $('sbGroupPolicy').value });
      $('sbStatus').textContent = 'applied'; await loadSandbox();
    } catch (e) { $('sbStatus').textContent = 'error: ' + e.message; }
  });
  document.addEventListener('click', async (ev) => {
    const t = ev.target.closest('[data-approve]');
    if (!t) return;
    try { await api('POST', '/_sandbox/pairing/approve', { code: t.dataset.approve }); $('sbStatus').textContent = 'approved ' + t.dataset.approve; } catch (e) { $('sbStatus').textContent = 'error: ' + e.message; }
  });
  $('clearFaults').addEventListener('click', () => api('DELETE', '/_emulator/faults'));
  $('newDm').addEventListener('click', () => { $('from').value = $('newUser').value; state.conversation = null; state.conversationType = '1'; $('chatTitle').textContent = `New 1:1 chat as ${$('newUser').value}: send a message`; $('messages').innerHTML = ''; $('atBotLabel').style.display = 'none'; });
  $('app').addEventListener('change', (e) => { state.app = e.target.value; });
  $('composer').addEventListener('submit', send);
  $('text').addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('composer').requestSubmit(); } });

  loadFixtures().then(async () => {
    await loadSandbox();
    refreshSide();
    setInterval(() => { refreshSide().catch(() => {}); refreshConversation().catch(() => {}); refreshSandbox().catch(() => {}); }, 800);
  });
})();
