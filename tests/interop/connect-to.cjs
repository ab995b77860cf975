'use strict';
// Node preload that redirects TCP connections like curl's --connect-to, without touching TLS names.
//
//   DINGGATE_CONNECT_TO="api.dingtalk.com:443:127.0.0.1:9580,oapi.dingtalk.com:443:127.0.0.1:9580" \
//   NODE_EXTRA_CA_CERTS=/tmp/dinggate-emulator-ca.pem \
//   node --require ./connect-to.cjs bot.js
//
// Each entry is HOST:PORT:TARGET_HOST:TARGET_PORT (comma separated). An empty HOST or PORT matches any host or port;
// an empty TARGET_HOST or TARGET_PORT keeps the original one. IPv6 addresses go in brackets: [::1].
//
// Only the TCP destination changes. SNI and certificate verification keep using the original host name, so a client
// still checks the emulator's certificate for api.dingtalk.com against the CA given in NODE_EXTRA_CA_CERTS.
// The redirect happens in net.Socket.prototype.connect, which net.connect, net.createConnection, tls.connect, the
// http/https agents (axios, got, node-fetch), ws and the fetch built into Node all end up calling. tls.connect is
// also wrapped to send SNI = original host when the caller gave no servername.
// DINGGATE_CONNECT_TO_DEBUG=1 logs every redirect to stderr.

const net = require('node:net');
const tls = require('node:tls');

const PATCHED = Symbol.for('dinggate.connect-to.patched');

function splitEntry(entry) {
  // Tokens separated by ':' except inside [...] (IPv6).
  const parts = [];
  let current = '';
  let depth = 0;
  for (const ch of entry) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim().replace(/^\[(.*)\]$/, '$1'));
}

function parseRules(text) {
  const rules = [];
  for (const raw of (text || '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const parts = splitEntry(entry);
    if (parts.length !== 4) {
      throw new Error(`DINGGATE_CONNECT_TO: '${entry}' is not HOST:PORT:TARGET_HOST:TARGET_PORT`);
    }
    const [host, port, targetHost, targetPort] = parts;
    for (const p of [port, targetPort]) {
      if (p !== '' && !/^\d{1,5}$/.test(p)) {
        throw new Error(`DINGGATE_CONNECT_TO: '${entry}' has a bad port '${p}'`);
      }
    }
    rules.push({
      host: host.toLowerCase(),
      port: port === '' ? null : Number(port),
      targetHost: targetHost === '' ? null : targetHost,
      targetPort: targetPort === '' ? null : Number(targetPort),
    });
  }
  return rules;
}

function findRule(rules, host, port) {
  const h = String(host || 'localhost').toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const p = Number(port);
  return rules.find((r) => (r.host === '' || r.host === h) && (r.port === null || r.port === p)) || null;
}

function redirect(rules, options) {
  if (!options || typeof options !== 'object' || options.path) return null;
  const rule = findRule(rules, options.host, options.port);
  if (!rule) return null;
  const target = {
    ...options,
    host: rule.targetHost ?? options.host,
    port: rule.targetPort ?? options.port,
  };
  if (process.env.DINGGATE_CONNECT_TO_DEBUG) {
    process.stderr.write(`[connect-to] ${options.host}:${options.port} -> ${target.host}:${target.port}\n`);
  }
  return target;
}

// net.Socket.prototype.connect receives either Node's internal normalized [options, cb] array (from net.connect,
// tls.connect, agents) or the public forms (options[, cb]) / (port[, host][, cb]).
function rewriteConnectArgs(rules, args) {
  const first = args[0];
  if (Array.isArray(first)) {
    const target = redirect(rules, first[0]);
    if (!target) return args;
    const copy = first.slice();
    for (const symbol of Object.getOwnPropertySymbols(first)) copy[symbol] = first[symbol];
    copy[0] = target;
    return [copy, ...args.slice(1)];
  }
  if (first && typeof first === 'object') {
    const target = redirect(rules, first);
    return target ? [target, ...args.slice(1)] : args;
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const hasHost = typeof args[1] === 'string';
    const target = redirect(rules, { port: Number(first), host: hasHost ? args[1] : 'localhost' });
    if (!target) return args;
    return [target.port, target.host, ...args.slice(hasHost ? 2 : 1)];
  }
  return args;
}

// tls.connect(options[, cb]) or tls.connect(port[, host][, options][, cb]).
function withServername(rules, args) {
  let options;
  let callback;
  if (args[0] && typeof args[0] === 'object') {
    options = { ...args[0] };
    callback = args[1];
  } else {
    let i = 0;
    options = { port: args[i++] };
    if (typeof args[i] === 'string') options.host = args[i++];
    if (args[i] && typeof args[i] === 'object') Object.assign(options, args[i++], { port: options.port, host: options.host ?? args[i - 1].host });
    callback = args[i];
  }
  const host = options.host || 'localhost';
  if (!options.socket && options.servername === undefined && !net.isIP(host) && findRule(rules, host, options.port ?? 443)) {
    options.servername = host;
  }
  return typeof callback === 'function' ? [options, callback] : [options];
}

function install(text) {
  const rules = parseRules(text);
  if (rules.length === 0 || net.Socket.prototype.connect[PATCHED]) return rules;

  const originalConnect = net.Socket.prototype.connect;
  const patchedConnect = function connect(...args) {
    return originalConnect.apply(this, rewriteConnectArgs(rules, args));
  };
  patchedConnect[PATCHED] = true;
  net.Socket.prototype.connect = patchedConnect;

  const originalTlsConnect = tls.connect;
  tls.connect = function connect(...args) {
    return originalTlsConnect.apply(this, withServername(rules, args));
  };
  return rules;
}

install(process.env.DINGGATE_CONNECT_TO);

module.exports = { parseRules, findRule, install };
