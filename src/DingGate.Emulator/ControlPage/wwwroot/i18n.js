// The control page's own texts in English and Chinese. The language: ?lang= (en, zh-CN) when given, else the
// <html lang> the emulator served (EmulatorOptions.PageLanguage; dinggate sandbox sets it from channels.dingtalk.locale).
(function () {
  const tables = {
    en: {
      title: 'DingTalk emulator',
      subtitle: '— a local stand-in for api.dingtalk.com / oapi.dingtalk.com / the Stream gateway',
      app: 'App', conversations: 'Conversations', startChat: 'Start a chat', as: 'As', newDm: '1:1 with the bot',
      pick: 'Pick or start a conversation.', from: 'From', type: 'Type',
      attachTitle: 'Attach a picture or a file (pictures also in groups; files only in 1:1 chats, as in DingTalk)',
      placeholder: 'Message (Enter to send, Shift+Enter for a new line)', send: 'Send',
      gateway: 'Gateway (sandbox)', replyAs: 'Reply as', aiCard: 'AI card', dmPolicy: 'DM policy', groupPolicy: 'Group policy',
      apply: 'Apply (restarts the gateway)', pairingRequests: 'Pairing requests',
      pairingHelp: 'With DM policy "pairing", a stranger\'s DM gets a code instead of an answer; approve it here (as this command would) and the user can talk:',
      none: 'none', noneYet: 'none yet', unavailable: 'unavailable', connections: 'Stream connections',
      disconnect: 'Send disconnect', drop: 'Drop sockets', faults: 'Faults', f503: '503 on registration',
      fQps: '403 QPS on card streaming ×5', fQpm: '403 QPM on card streaming ×1', fLatency: '+1.5 s latency',
      revoke: 'Revoke tokens', expire: 'Expire session webhooks', clearFaults: 'Clear faults', traffic: 'Recent API calls',
      ignoringAcks: 'ignoring ACKs', bot: '🤖 bot', picture: '[picture]', loadingCard: 'loading card…', aiCardHead: 'AI card',
      stuck: 'still spinning (finalized, flowStatus not 3)', INPUTING: 'streaming…', FINISHED: 'finished', FAILED: 'failed',
      PROCESSING: 'thinking…', stop: 'Stop', dm: '1:1', groupTitle: '👥 {0} (group: @bot to talk to it)',
      dmTitle: '👤 {0} · 1:1 with the bot', newDmTitle: 'New 1:1 chat with the bot as {0}: send a message',
      pushed: 'pushed as {0}', notPushed: 'not pushed: {0}', error: 'error: {0}', approved: 'approved {0} ({1})', approve: 'Approve',
      sandboxTitle: 'DingGate sandbox',
      sandboxSubtitle: '— chat with the DingGate bot as a DingTalk user (emulated DingTalk, real gateway)',
      model: 'Model: {0} · gateway {1}', running: 'running', stopped: 'stopped', restarting: 'restarting the gateway…',
      applied: 'applied: replies as {0}, DM {1}, group {2}',
    },
    'zh-CN': {
      title: '钉钉模拟器',
      subtitle: '— 在本机代替 api.dingtalk.com / oapi.dingtalk.com / Stream 网关',
      app: '应用', conversations: '会话', startChat: '发起聊天', as: '身份', newDm: '与机器人单聊',
      pick: '选择或发起一个会话。', from: '发送者', type: '类型',
      attachTitle: '添加图片或文件（图片也可发到群里；文件只能在单聊中发送，与钉钉一致）',
      placeholder: '输入消息（Enter 发送，Shift+Enter 换行）', send: '发送',
      gateway: '网关（沙盒）', replyAs: '回复方式', aiCard: 'AI 卡片', dmPolicy: '单聊策略', groupPolicy: '群聊策略',
      apply: '应用（会重启网关）', pairingRequests: '配对请求',
      pairingHelp: '单聊策略为 “pairing” 时，陌生人的单聊会收到配对码而不是回答；在这里批准（与下面的命令相同）后即可对话：',
      none: '无', noneYet: '暂无', unavailable: '不可用', connections: 'Stream 连接',
      disconnect: '发送断开通知', drop: '断开连接', faults: '故障注入', f503: '注册时返回 503',
      fQps: '卡片流式更新 403 QPS ×5', fQpm: '卡片流式更新 403 QPM ×1', fLatency: '延迟 +1.5 秒',
      revoke: '吊销令牌', expire: '使会话 Webhook 过期', clearFaults: '清除故障', traffic: '最近的接口调用',
      ignoringAcks: '忽略 ACK', bot: '🤖 机器人', picture: '[图片]', loadingCard: '卡片加载中…', aiCardHead: 'AI 卡片',
      stuck: '仍在转圈（已结束，但 flowStatus 不是 3）', INPUTING: '生成中…', FINISHED: '已完成', FAILED: '失败',
      PROCESSING: '思考中…', stop: '停止', dm: '单聊', groupTitle: '👥 {0}（群聊：@机器人 与它对话）',
      dmTitle: '👤 {0} · 与机器人单聊', newDmTitle: '以 {0} 的身份与机器人新建单聊：发送一条消息',
      pushed: '已推送：{0}', notPushed: '未推送：{0}', error: '出错：{0}', approved: '已批准 {0}（{1}）', approve: '批准',
      sandboxTitle: 'DingGate 沙盒',
      sandboxSubtitle: '— 以钉钉用户的身份与 DingGate 机器人对话（模拟的钉钉，真实的网关）',
      model: '模型：{0} · 网关{1}', running: '运行中', stopped: '已停止', restarting: '正在重启网关…',
      applied: '已应用：回复方式 {0}，单聊 {1}，群聊 {2}',
    },
  };

  const pick = (tag) => (String(tag || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
  const asked = new URLSearchParams(window.location.search).get('lang');
  const lang = pick(asked || document.documentElement.lang);
  document.documentElement.lang = lang;

  function t(key, ...args) {
    const text = tables[lang][key] ?? tables.en[key] ?? key;
    return text.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
  }

  function apply(root) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
    for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
    document.title = t('title') === tables.en.title ? 'DingGate · DingTalk emulator' : 'DingGate · ' + t('title');
  }

  window.I18n = { lang, t, apply };
  apply(document);
})();
