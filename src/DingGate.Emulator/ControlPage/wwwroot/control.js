// Control page: a DingTalk-like view of the emulator, driven only by the public control API (/_emulator/*), plus the
// sandbox panel when the host (dinggate sandbox) also serves /_sandbox/*. Plain JS, no framework, no network but ours.
(function () {
  const $ = (id) => document.getElementById(id);
  const t = window.I18n.t;
  const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  const state = {
    app: null, users: [], groups: [], conversation: null, conversationType: '1', cards: {},
    media: {}, names: {}, rendered: '', sandbox: false,
  };

  async function api(method, path, body) {
    const res = await fetch(path, { method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error((data && data.error) || `${res.status} ${res.statusText}`);
    return data;
  }

  const nick = (userId) => (state.users.find((u) => u.userId === userId) || {}).nick || userId || 'user';

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
    for (const g of groups) state.names[g.openConversationId] = g.title;
    $('groups').innerHTML = groups.map((g) => `<li class="conv" data-group="${esc(g.openConversationId)}">👥 ${esc(g.title)}</li>`).join('');
  }

  function contentText(e) {
    const c = e.content || {};
    if (typeof c === 'string') return c;
    if (c.text && typeof c.text === 'object') return c.text.content ?? '';
    return c.text ?? c.content ?? c.recognition ?? c.fileName ?? c.title ?? '';
  }

  // A user's picture or file, shown from the emulator's media store (by its download code).
  function picture(c) {
    const media = state.media[c.pictureDownloadCode] || state.media[c.downloadCode];
    return media ? `<img class="attachment" alt="${esc(media.fileName || 'picture')}" src="/_emulator/media/content?key=${encodeURIComponent(media.id)}">` : `<span class="muted">${esc(t('picture'))}</span>`;
  }

  function attachment(e) {
    const c = e.content || {};
    const media = state.media[c.pictureDownloadCode] || state.media[c.downloadCode];
    const url = media ? `/_emulator/media/content?key=${encodeURIComponent(media.id)}` : null;
    const kind = String(e.kind || '').toLowerCase();
    if (kind === 'richtext' && Array.isArray(c.richText)) {
      return c.richText.map((x) => (x.type === 'picture' ? picture(x) : x.type === 'at' ? `<span class="at">@${esc(x.atName || x.atUserId)}</span> ` : esc(x.text ?? '').replace(/\n/g, '<br>'))).join('');
    }
    if (kind === 'picture' && url) return `<img class="attachment" alt="${esc(media.fileName || 'picture')}" src="${url}">`;
    if (kind === 'picture') return `<span class="muted">${esc(t('picture'))}</span>`;
    if (kind === 'file') {
      const name = esc(c.fileName || (media && media.fileName) || 'file');
      return `<div class="file">📎 ${url ? `<a href="${url}" target="_blank" rel="noopener">${name}</a>` : name}</div>`;
    }
    if (kind === 'audio' || kind === 'video') return `<span class="muted">[${kind}]</span> ${esc(c.recognition || '')}`;
    return null;
  }

  function renderEntry(e, reactions) {
    const cls = ['msg', e.fromBot ? 'bot' : 'user', e.recalled ? 'recalled' : ''].join(' ');
    const who = e.fromBot ? `${esc(t('bot'))} · ${esc(e.via)}` : `${esc(nick(e.userId))}`;
    const meta = `<div class="meta">${who} · ${esc(e.kind)} · ${new Date(e.at).toLocaleTimeString()}</div>`;
    const reaction = reactions[e.messageKey] ? `<div class="reaction">${esc(reactions[e.messageKey])}</div>` : '';
    if (e.kind === 'card' && e.outTrackId) {
      const card = state.cards[e.outTrackId];
      const body = card ? cardBody(card) : `<span class="muted">${esc(t('loadingCard'))}</span>`;
      return `<div class="${cls} card" data-card="${esc(e.outTrackId)}" data-state="${esc(card && card.state)}">${meta}${body}</div>`;
    }
    const kind = String(e.kind || '').toLowerCase();
    const rich = kind.includes('markdown') || kind === 'actioncard';
    const file = e.fromBot ? null : attachment(e);
    const body = file ?? (rich ? window.renderMarkdown(contentText(e)) : esc(contentText(e)).replace(/\n/g, '<br>'));
    return `<div class="${cls}${rich ? ' markdown' : ''}" data-kind="${esc(e.kind)}">${meta}<div class="body">${body}</div>${reaction}</div>`;
  }

  function cardBody(card) {
    const data = card.publicData || card.cardParamMap || {};
    const streams = card.streamingContent || {};
    const key = card.streamingKey || Object.keys(streams)[0];
    const text = (key && streams[key]) || data[key] || data.msgContent || data.content || '';
    const done = card.state === 'FINISHED' || card.state === 'FAILED';
    // A built-in AI card finalized by streaming but never set to flowStatus 3 keeps its loading animation in DingTalk.
    const stuck = card.finalized && card.spinning;
    const label = stuck ? t('stuck')
      : (['INPUTING', 'FINISHED', 'FAILED', 'PROCESSING'].includes(card.state) ? t(card.state) : card.state);
    const buttons = card.callbackType === 'STREAM' && !done
      ? `<div class="row"><button type="button" data-click="${esc(card.outTrackId)}">${esc(t('stop'))}</button></div>` : '';
    return `<div class="cardHead">${esc(t('aiCardHead'))} <span class="state ${esc(card.state)}${stuck ? ' stuck' : ''}">${esc(label)}</span></div><div class="body">${window.renderMarkdown(text)}</div>${buttons}`;
  }

  // Emotion replies are reactions on a user message ("思考中…" while the bot works), removed when recalled.
  function reactionsOf(entries) {
    const reactions = {};
    for (const e of entries.filter((x) => x.kind === 'emotion')) {
      const c = e.content || {};
      if (c.action === 'recall') delete reactions[c.openMsgId]; else reactions[c.openMsgId] = c.emotionName || c.text;
    }
    return reactions;
  }

  async function refreshMedia(entries) {
    const codes = entries.flatMap((e) => [e.content || {}, ...((e.content && Array.isArray(e.content.richText)) ? e.content.richText : [])])
      .map((c) => c.downloadCode).filter(Boolean);
    const missing = codes.some((code) => !state.media[code]);
    if (!missing) return;
    for (const m of await api('GET', '/_emulator/media')) {
      if (m.downloadCode) state.media[m.downloadCode] = m;
      if (m.pictureDownloadCode) state.media[m.pictureDownloadCode] = m;
    }
  }

  async function refreshConversation() {
    if (!state.conversation) return;
    const conversation = state.conversation;
    const entries = await api('GET', `/_emulator/conversations/${encodeURIComponent(conversation)}`);
    await Promise.all(entries.filter((e) => e.kind === 'card' && e.outTrackId).map(async (e) => {
      const known = state.cards[e.outTrackId];
      if (known && (known.state === 'FINISHED' || known.state === 'FAILED')) return;
      try { state.cards[e.outTrackId] = await api('GET', `/_emulator/cards/${encodeURIComponent(e.outTrackId)}`); } catch { /* card API not ready */ }
    }));
    await refreshMedia(entries).catch(() => {});
    if (conversation !== state.conversation) return;
    if (!state.names[conversation]) { nameFrom(conversation, entries); showTitle(); }
    const reactions = reactionsOf(entries);
    const html = entries.filter((e) => e.kind !== 'emotion').map((e) => renderEntry(e, reactions)).join('');
    if (html === state.rendered) return; // unchanged: keep selection, focus and scroll as they are
    const box = $('messages');
    const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 20;
    box.innerHTML = html; state.rendered = html;
    if (atBottom) box.scrollTop = box.scrollHeight;
  }

  function nameFrom(conversationId, entries) {
    if (state.names[conversationId]) return;
    const user = entries.find((e) => !e.fromBot && e.userId);
    if (user && user.conversationType !== '2') state.names[conversationId] = nick(user.userId);
  }

  async function refreshSide() {
    const [conversations, faults, traffic] = await Promise.all([
      api('GET', '/_emulator/conversations'), api('GET', '/_emulator/faults'), api('GET', '/_emulator/traffic/http'),
    ]);
    // A DM's name is its user's; learn it once from the conversation's first message.
    await Promise.all(conversations.filter((c) => !state.names[c.conversationId]).map(async (c) => {
      try { nameFrom(c.conversationId, await api('GET', `/_emulator/conversations/${encodeURIComponent(c.conversationId)}`)); } catch { /* later */ }
    }));
    $('conversations').innerHTML = conversations.map((c) => {
      const active = c.conversationId === state.conversation ? ' active' : '';
      const group = c.conversationType === '2';
      const name = state.names[c.conversationId] || c.conversationId;
      return `<li class="conv${active}" data-conv="${esc(c.conversationId)}" data-type="${esc(c.conversationType)}" title="${esc(c.conversationId)}">${group ? '👥' : '👤'} ${esc(name)}${group ? '' : ` <span class="muted">· ${esc(t('dm'))}</span>`} <span class="muted">(${c.messages})</span></li>`;
    }).join('') || `<li class="muted">${esc(t('noneYet'))}</li>`;
    $('faults').innerHTML = faults.routes.map((f) => `<li class="mono">${esc(f.kind)} ${esc(f.path)} ${f.status ?? ''} ${f.remaining ?? ''}</li>`).join('') +
      (faults.ignoreAcks ? `<li>${esc(t('ignoringAcks'))}</li>` : '');
    $('traffic').innerHTML = traffic.slice(-15).reverse().map((c) => `<li>${c.status} ${esc(c.method)} ${esc(c.path)}</li>`).join('');
    try {
      const connections = await api('GET', '/_emulator/connections');
      $('connections').innerHTML = connections.map((c) => `<li class="mono">${esc(c.state)} ${esc(c.clientId)} ${esc(String(c.id ?? c.connectionId).slice(0, 8))}</li>`).join('') || `<li class="muted">${esc(t('none'))}</li>`;
    } catch { $('connections').innerHTML = `<li class="muted">${esc(t('unavailable'))}</li>`; }
  }

  function showTitle() {
    const group = state.conversationType === '2';
    const name = state.names[state.conversation] || (group ? state.conversation : nick($('from').value));
    $('chatTitle').textContent = group ? t('groupTitle', name) : t('dmTitle', name);
  }

  function select(conversationId, type) {
    if (conversationId !== state.conversation) { state.rendered = ''; $('messages').innerHTML = ''; }
    state.conversation = conversationId; state.conversationType = type;
    const group = type === '2';
    showTitle();
    $('atBotLabel').style.display = group ? '' : 'none';
    if (group) {
      // Only group members can speak in a group.
      const g = state.groups.find((x) => x.openConversationId === conversationId);
      if (g && g.members && !g.members.includes($('from').value) && g.members.length) $('from').value = g.members[0];
    }
    refreshConversation().catch(() => {});
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
    if (file && body.msgtype === 'picture' && body.text.trim()) {
      // Text with a picture is one richText message in DingTalk.
      body.msgtype = 'richText';
      body.richText = [{ text: body.text }, { type: 'picture', name: file.name, contentType: body.file.contentType, contentBase64: body.file.contentBase64 }];
      delete body.file;
    }
    try {
      const result = await api('POST', '/_emulator/messages', body);
      $('sendStatus').textContent = result.delivered ? t('pushed', result.messageId) : t('notPushed', result.reason);
      $('text').value = ''; $('file').value = ''; $('msgtype').value = 'text';
      if (state.conversationType !== '2') select(result.conversationId, '1'); else refreshConversation().catch(() => {});
    } catch (e) { $('sendStatus').textContent = t('error', e.message); }
  }

  document.addEventListener('click', async (ev) => {
    const el = ev.target.closest('[data-conv],[data-group],[data-post],[data-fault],[data-click],[data-approve]');
    if (!el) return;
    try {
      if (el.dataset.conv) select(el.dataset.conv, el.dataset.type);
      else if (el.dataset.group) select(el.dataset.group, '2');
      else if (el.dataset.post) await api('POST', el.dataset.post, { clientId: state.app });
      else if (el.dataset.fault) await api('POST', '/_emulator/faults', JSON.parse(el.dataset.fault));
      else if (el.dataset.click) {
        await api('POST', `/_emulator/cards/${encodeURIComponent(el.dataset.click)}/click`, { userId: $('from').value, actionIds: ['stop'], params: { action: 'stop' } });
      } else if (el.dataset.approve) {
        const r = await api('POST', '/_sandbox/pairing/approve', { code: el.dataset.approve });
        $('sbStatus').textContent = t('approved', nick(r.approved), el.dataset.approve);
        await refreshSandbox();
      }
    } catch (e) { (el.dataset.approve ? $('sbStatus') : $('sendStatus')).textContent = t('error', e.message); }
  });

  // Sandbox panel: present when the host (dinggate sandbox) serves /_sandbox/* next to the emulator.
  async function loadSandbox() {
    try {
      const s = await api('GET', '/_sandbox/settings');
      $('sandbox').hidden = false;
      $('sbMessageType').value = s.messageType; $('sbDmPolicy').value = s.dmPolicy; $('sbGroupPolicy').value = s.groupPolicy;
      $('sbModel').textContent = t('model', s.model, t(s.running ? 'running' : 'stopped'));
      $('title').textContent = t('sandboxTitle');
      $('subtitle').textContent = t('sandboxSubtitle');
      document.title = t('sandboxTitle');
      state.sandbox = true;
    } catch { state.sandbox = false; }
  }

  async function refreshSandbox() {
    if (!state.sandbox) return;
    const pending = await api('GET', '/_sandbox/pairing');
    const html = pending.map((p) => `<li class="pairing" data-code="${esc(p.code)}">${esc(p.nick)} (${esc(p.userId)}) <span class="mono">${esc(p.code)}</span> <button type="button" data-approve="${esc(p.code)}">${esc(t('approve'))}</button></li>`).join('') || `<li class="muted">${esc(t('none'))}</li>`;
    if ($('sbPairing').innerHTML !== html) $('sbPairing').innerHTML = html;
  }

  $('sbApply').addEventListener('click', async () => {
    $('sbStatus').textContent = t('restarting');
    try {
      const s = await api('PUT', '/_sandbox/settings', { messageType: $('sbMessageType').value, dmPolicy: $('sbDmPolicy').value, groupPolicy: $('sbGroupPolicy').value });
      $('sbStatus').textContent = t('applied', s.messageType, s.dmPolicy, s.groupPolicy); await loadSandbox();
    } catch (e) { $('sbStatus').textContent = t('error', e.message); }
  });
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) $('msgtype').value = /^image\//.test(file.type) ? 'picture' : 'file';
  });
  $('clearFaults').addEventListener('click', () => api('DELETE', '/_emulator/faults'));
  $('newDm').addEventListener('click', () => {
    $('from').value = $('newUser').value; state.conversation = null; state.conversationType = '1'; state.rendered = '';
    $('chatTitle').textContent = t('newDmTitle', nick($('newUser').value));
    $('messages').innerHTML = ''; $('atBotLabel').style.display = 'none'; $('text').focus();
  });
  $('app').addEventListener('change', (e) => { state.app = e.target.value; });
  $('composer').addEventListener('submit', send);
  $('text').addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('composer').requestSubmit(); } });

  loadFixtures().then(async () => {
    await loadSandbox();
    await refreshSandbox().catch(() => {});
    await refreshSide().catch(() => {});
    document.body.dataset.ready = 'true';
    setInterval(() => { refreshSide().catch(() => {}); refreshConversation().catch(() => {}); refreshSandbox().catch(() => {}); }, 800);
  });
})();
