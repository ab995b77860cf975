// Parses every file of a corpus directory with the npm json5 package (the reference for DingGate's own JSON5 reader)
// and prints one JSON line per file, in file-name order:
//   {"file": "name.json5", "ok": true, "value": <canonical value>}
//   {"file": "name.json5", "ok": false, "line": 3, "column": 7, "message": "JSON5: invalid character 'x' at 3:7"}
// Canonical value: the parsed value with every number that JSON cannot carry (Infinity, -Infinity, NaN, -0) replaced
// by {"$num": "Infinity" | "-Infinity" | "NaN" | "-0"}. Files are read as UTF-8 without dropping a byte order mark.
// Usage: node json5-parse.mjs <corpus-directory>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const JSON5 = require('json5');

function canonical(value) {
    if (typeof value === 'number') {
        if (Number.isNaN(value)) return { $num: 'NaN' };
        if (value === Infinity) return { $num: 'Infinity' };
        if (value === -Infinity) return { $num: '-Infinity' };
        if (Object.is(value, -0)) return { $num: '-0' };
        return value;
    }
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const key of Object.keys(value)) {
            // defineProperty, not assignment: a "__proto__" key stays an ordinary property.
            Object.defineProperty(out, key, { value: canonical(value[key]), enumerable: true, writable: true, configurable: true });
        }
        return out;
    }
    return value;
}

const dir = process.argv[2];
if (!dir) {
    console.error('usage: node json5-parse.mjs <corpus-directory>');
    process.exitCode = 2;
} else {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json5')).sort();
    const lines = [];
    for (const file of files) {
        const text = fs.readFileSync(path.join(dir, file)).toString('utf8');
        let result;
        try {
            result = { file, ok: true, value: canonical(JSON5.parse(text)) };
        } catch (e) {
            result = { file, ok: false, line: e.lineNumber ?? null, column: e.columnNumber ?? null, message: String(e.message) };
        }
        lines.push(JSON.stringify(result));
    }
    process.stdout.write(lines.join('\n') + '\n');
}
