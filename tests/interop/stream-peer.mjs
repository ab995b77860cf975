// An interop peer: the official DingTalk Stream SDK for Node (npm "dingtalk-stream", unmodified), driven by the
// DingGate C# test suite. It talks to https://api.dingtalk.com as hard-coded in the SDK; the test maps that host to
// the emulator with connect-to.cjs (preload) and trusts the emulator's CA through NODE_EXTRA_CA_CERTS.
//
// Env: DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET, PEER_MODE = "ack" (answer every bot message with
// socketCallBackResponse) or "noack" (never answer, to observe redelivery).
// Output: one JSON object per line on stdout: {"event":"connected"} then {"event":"message", ...} per delivery.
import { DWClient, TOPIC_ROBOT } from 'dingtalk-stream';

const mode = process.env.PEER_MODE ?? 'ack';
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

const client = new DWClient({
  clientId: process.env.DINGTALK_CLIENT_ID,
  clientSecret: process.env.DINGTALK_CLIENT_SECRET,
});

client.registerCallbackListener(TOPIC_ROBOT, (res) => {
  const data = JSON.parse(res.data);
  emit({ event: 'message', messageId: res.headers.messageId, msgId: data.msgId, text: data.text?.content ?? null });
  if (mode === 'ack') {
    client.socketCallBackResponse(res.headers.messageId, { handledBy: 'dingtalk-stream-node' });
  }
});

process.on('SIGTERM', () => {
  client.disconnect();
  process.exit(0);
});

// connect() swallows failures and retries on its own timer; wait for the socket to be open, or give up with a reason.
await client.connect();
const deadline = Date.now() + 15000;
while (!client.connected && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
if (!client.connected) {
  emit({ event: 'error', message: 'the SDK did not connect within 15 s' });
  process.exit(1);
}
emit({ event: 'connected' });
