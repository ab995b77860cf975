// Self-test for connect-to.cjs, independent of the emulator: run `node connect-to.selftest.mjs`.
// Starts an HTTPS server with a throw-away self-signed certificate for api.dingtalk.com (made with the openssl CLI;
// the test is skipped when openssl is missing) and a plain HTTP server, then runs child processes that use
// `--require ./connect-to.cjs` and unmodified Node APIs (https.get, fetch, tls.connect, http.get) against the real
// DingTalk host names. Exit code 0 = pass (or skipped), 1 = failure.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const preload = path.join(here, 'connect-to.cjs');

if (process.argv[2] === '--child') {
  await child();
} else {
  process.exitCode = await parent();
}

async function parent() {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    console.log('SKIP: openssl CLI not found');
    return 0;
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'connect-to-selftest-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=api.dingtalk.com',
    '-addext', 'subjectAltName=DNS:api.dingtalk.com,DNS:oapi.dingtalk.com'], { stdio: 'ignore' });

  const seen = [];
  const secure = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    seen.push({ sni: req.socket.servername, host: req.headers.host, url: req.url });
    res.end(JSON.stringify({ ok: true, sni: req.socket.servername, host: req.headers.host }));
  });
  const plain = http.createServer((req, res) => res.end(JSON.stringify({ ok: true, host: req.headers.host })));
  await Promise.all([listen(secure), listen(plain)]);
  const rules = `api.dingtalk.com:443:127.0.0.1:${secure.address().port},oapi.dingtalk.com:80:127.0.0.1:${plain.address().port}`;

  let failures = 0;
  const trusted = await runChild({ DINGGATE_CONNECT_TO: rules, NODE_EXTRA_CA_CERTS: cert });
  failures += check('trusted child passes every check', trusted.status === 0, trusted.output);
  failures += check('server saw SNI api.dingtalk.com on every TLS request',
    seen.length >= 3 && seen.every((s) => s.sni === 'api.dingtalk.com'), JSON.stringify(seen));

  const untrusted = await runChild({ DINGGATE_CONNECT_TO: rules });
  failures += check('child without NODE_EXTRA_CA_CERTS fails certificate verification',
    untrusted.status !== 0 && /self[- ]signed|unable to verify|certificate/i.test(untrusted.output), untrusted.output);

  secure.close();
  plain.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(failures === 0 ? 'PASS' : `FAIL (${failures})`);
  return failures === 0 ? 0 : 1;
}

async function child() {
  const results = [];
  const body = (res) => new Promise((resolve, reject) => {
    let text = '';
    res.on('data', (d) => { text += d; });
    res.on('end', () => resolve(JSON.parse(text)));
    res.on('error', reject);
  });

  const viaHttps = await new Promise((resolve, reject) =>
    https.get('https://api.dingtalk.com/v1.0/oauth2/accessToken', (res) => body(res).then(resolve, reject)).on('error', reject));
  results.push(['https.get', viaHttps.ok && viaHttps.host === 'api.dingtalk.com']);

  const viaFetch = await (await fetch('https://api.dingtalk.com/x')).json();
  results.push(['fetch', viaFetch.ok && viaFetch.sni === 'api.dingtalk.com']);

  const tls = await import('node:tls');
  const viaTls = await new Promise((resolve, reject) => {
    const socket = tls.connect({ host: 'api.dingtalk.com', port: 443 }, () => {
      socket.end('GET /raw HTTP/1.1\r\nHost: api.dingtalk.com\r\nConnection: close\r\n\r\n');
    });
    let text = '';
    socket.on('data', (d) => { text += d; });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  results.push(['tls.connect', viaTls.startsWith('HTTP/1.1 200')]);

  const viaHttp = await new Promise((resolve, reject) =>
    http.get('http://oapi.dingtalk.com/gettoken', (res) => body(res).then(resolve, reject)).on('error', reject));
  results.push(['http.get', viaHttp.ok && viaHttp.host === 'oapi.dingtalk.com']);

  for (const [name, ok] of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  process.exitCode = results.every(([, ok]) => ok) ? 0 : 1;
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function runChild(env) {
  // Asynchronous: the servers run in this process, so a synchronous spawn would deadlock.
  return new Promise((resolve) => {
    const extra = { ...process.env, ...env };
    if (!env.NODE_EXTRA_CA_CERTS) delete extra.NODE_EXTRA_CA_CERTS;
    const proc = spawn(process.execPath, ['--require', preload, fileURLToPath(import.meta.url), '--child'], { env: extra });
    let output = '';
    proc.stdout.on('data', (d) => { output += d; });
    proc.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => proc.kill(), 20000);
    proc.on('close', (status) => { clearTimeout(timer); resolve({ status, output }); });
  });
}

function check(name, ok, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (!ok) console.log(`     ${String(detail).split('\n').join('\n     ')}`);
  return ok ? 0 : 1;
}

