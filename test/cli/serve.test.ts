/**
 * `collegium serve` refuses to start where it would be unsafe or cannot listen: one clear line
 * and a non-zero exit, never a hang. Each case is a process of its own, as run by an operator.
 */
import { mkdtempSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo } from '../../src/app/demo.js';
import { serveProcess } from '../server/process.js';
import { newLedger, recordFile, TEST_CHARTER } from '../server/support.js';
import { postgresBackend } from '../support/stores.js';

let record: string;
beforeAll(async () => {
  record = await recordFile();
});

/** Runs serve with `args` and expects it to exit with `code` and a message matching `message`. */
async function refused(
  args: readonly string[],
  code: number,
  message: RegExp,
  env: Readonly<Record<string, string>> = {},
): Promise<string> {
  // The test's record, unless the case gives its own (an option of one value is given once).
  const serve = serveProcess(args.includes('--db') ? args : ['--db', record, ...args], env);
  expect(await serve.exitWithin(15_000), serve.output()).toBe(code);
  const printed = serve.output().trim();
  expect(printed).toMatch(message);
  expect(printed).not.toMatch(/internal error|^\s+at /m);
  return printed;
}

describe('collegium serve refuses to start', () => {
  it('with a log level that is not one', async () => {
    await refused(['--log-level', 'loud'], 2, /--log-level: 'loud' is not one of silent, fatal/);
  }, 30_000);

  it('with a setting in the environment that is not one, instead of guessing or hanging', async () => {
    await refused(
      ['--port', '0'],
      2,
      /COLLEGIUM_TRUST_PROXY: 'maybe' is neither a number of proxies in a row \(1 to 9\) nor the address of one/,
      { COLLEGIUM_TRUST_PROXY: 'maybe' },
    );
    await refused(
      ['--port', '0'],
      2,
      /COLLEGIUM_DEMO: 'on' is neither 1 nor 0 \(true or false, yes or no\)$/m,
      {
        COLLEGIUM_DEMO: 'on',
      },
    );
    await refused(
      ['--port', '0'],
      2,
      /COLLEGIUM_MAX_ATTACHMENT: '10MB' is not a size in bytes \(1 or more\)/,
      { COLLEGIUM_MAX_ATTACHMENT: '10MB' },
    );
    await refused(['--port', '0', '--logins-per-minute', '0'], 2, /'0' is not a whole number, 1/);
  }, 60_000);

  it('with a setting in the environment that is not one, naming the variable, not a flag never given', async () => {
    const cases: [string, string, RegExp][] = [
      ['COLLEGIUM_PORT', '70000', /^collegium: COLLEGIUM_PORT: '70000' is not a port/],
      ['COLLEGIUM_LOG_LEVEL', 'INFO', /^collegium: COLLEGIUM_LOG_LEVEL: 'INFO' is not one of/],
      [
        'COLLEGIUM_LOGINS_PER_MINUTE',
        '0',
        /^collegium: COLLEGIUM_LOGINS_PER_MINUTE: '0' is not a whole number/,
      ],
      [
        'COLLEGIUM_ORIGIN',
        'https://board.example.org/app',
        /^collegium: COLLEGIUM_ORIGIN: 'https:\/\/board.example.org\/app' is not an origin/,
      ],
    ];
    for (const [variable, value, message] of cases) {
      const printed = await refused([], 2, message, { COLLEGIUM_PORT: '0', [variable]: value });
      expect(printed).not.toContain('--');
    }
    // The flag wins over the environment, and a refusal of it names the flag.
    await refused(['--port', 'x'], 2, /^collegium: --port: 'x' is not a port/, {
      COLLEGIUM_PORT: '0',
    });
  }, 60_000);

  it('with a demo record kept outside its data folder that this version cannot read, naming where it is', async () => {
    // The record is not in the data folder (PostgreSQL, or a file given with --db elsewhere):
    // removing the folder, as the refusal said to, left the record as it was, refused again.
    const folder = mkdtempSync(join(tmpdir(), 'collegium-demo-keys-'));
    const db = join(mkdtempSync(join(tmpdir(), 'collegium-demo-db-')), 'demo.db');
    const demo = await openDemo({ db, folder, example: 'cooperative-board' });
    await demo.ledger.store.close();
    // An entry in the middle that this version's rules refuse: its actor made someone else.
    const file = new Database(db);
    const { idx } = file
      .prepare(
        `SELECT idx FROM entries WHERE idx > 0 AND CAST(bytes AS TEXT) LIKE '%"actor":"hana"%' ORDER BY idx LIMIT 1`,
      )
      .get() as { idx: number };
    file
      .prepare(
        `UPDATE entries SET bytes = CAST(replace(CAST(bytes AS TEXT), '"actor":"hana"', '"actor":"hanb"') AS BLOB) WHERE idx = ?`,
      )
      .run(idx);
    file.close();
    const printed = await refused(
      ['--demo', '--data', folder, '--db', db, '--port', '0'],
      1,
      new RegExp(`^collegium: the demo record at ${db} does not open under this version`),
    );
    expect(printed).toContain(`so remove ${db} and start again`);
    expect(printed).not.toContain(`remove ${folder}`);
  }, 60_000);

  it('with a web app folder that holds no built app', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'collegium-noweb-'));
    await refused(['--port', '0', '--web', empty], 2, /--web: .* holds no index\.html/);
  }, 30_000);

  it('on an empty address, which node:http would take for every interface', async () => {
    await refused(['--port', '0', '--host', ''], 2, /^collegium: --host: '' is no address/);
  });

  it('on a port that is not one', async () => {
    await refused(['--port', '70000'], 2, /--port: '70000' is not a port \(0 to 65535\)/);
  }, 30_000);

  describe('on a port in use', () => {
    const busy = createServer();
    beforeAll(() => new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve)));
    afterAll(() => new Promise((resolve) => busy.close(resolve)));

    it('with one line, and exits instead of hanging', async () => {
      const port = String((busy.address() as AddressInfo).port);
      const printed = await refused(
        ['--port', port],
        1,
        new RegExp(`^collegium: port ${port} on 127\\.0\\.0\\.1 is in use`),
      );
      expect(printed.split('\n')).toHaveLength(1);
    }, 30_000);
  });

  it('on an address others reach, without the origin browsers reach it at', async () => {
    await refused(['--host', '0.0.0.0', '--port', '0'], 2, /--host 0\.0\.0\.0 .*--origin URL/);
    await refused(['--trust-proxy', '--port', '0'], 2, /behind a proxy .*--origin URL/);
    // Two proxies in a row, or the proxies at these addresses: behind a proxy all the same.
    await refused(['--trust-proxy', '2', '--port', '0'], 2, /behind a proxy .*--origin URL/);
    await refused(['--port', '0'], 2, /behind a proxy .*--origin URL/, {
      COLLEGIUM_TRUST_PROXY: '10.0.0.0/8, 2001:db8::1',
    });
    await refused(
      ['--host', '127.0.0.1', '--origin', 'https://example.org/path'],
      2,
      /--origin: 'https:\/\/example\.org\/path' is not an origin/,
    );
  }, 30_000);

  it('trusting proxies given neither by their number nor by their addresses', async () => {
    const origin = ['--port', '0', '--origin', 'https://board.example.org'];
    const cases: [string, string][] = [
      ['10', '10'],
      ['cdn.example.org', 'cdn.example.org'],
      ['10.0.0.1,10.0.0.0/33', '10.0.0.0/33'],
      ['10.0.0.1,,10.0.0.2', ''],
    ];
    for (const [value, wrong] of cases)
      await refused(
        ['--trust-proxy', value, ...origin],
        2,
        new RegExp(
          `^collegium: --trust-proxy: '${wrong.replace(/\./g, '\\.')}' is neither a number of proxies in a row \\(1 to 9\\) nor the address of one \\(IP or CIDR, comma-separated\\)$`,
        ),
      );
  }, 60_000);

  it('with TLS files that are not a certificate and its key, each named', async () => {
    const tls = (name: string) =>
      fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url));
    const [cert, key, other] = [tls('cert.pem'), tls('key.pem'), tls('other-key.pem')];
    await refused(['--tls-cert', tls('none.pem'), '--tls-key', key], 1, /none\.pem: no such file/);
    await refused(['--tls-cert', key, '--tls-key', key], 1, /key\.pem: not a PEM certificate/);
    await refused(['--tls-cert', cert, '--tls-key', cert], 1, /cert\.pem: not a PEM private key/);
    await refused(
      ['--tls-cert', cert, '--tls-key', other],
      1,
      /cert\.pem is not a certificate of the key in .*other-key\.pem/,
    );
  }, 60_000);

  it('on PostgreSQL too, with a wrong setting: no connection is left open to hang on', async () => {
    const handle = await postgresBackend.fresh();
    try {
      await (await newLedger(TEST_CHARTER, () => [], await handle.open())).store.close();
      const db = ['--db', handle.location, '--port', '0'];
      await refused([...db, '--tls-cert', 'none.pem', '--tls-key', 'none.key'], 1, /no such file/);
      await refused([...db, '--streams-per-address', '-1'], 2, /'-1' is not a whole number/);
    } finally {
      await handle.dispose();
    }
  }, 60_000);

  it('in demo mode on an address others reach, unless told --demo-public', async () => {
    await refused(
      ['--demo', '--host', '0.0.0.0', '--origin', 'https://example.org', '--port', '0'],
      2,
      /--demo: --host 0\.0\.0\.0 is reachable .* add --demo-public/,
    );
  }, 30_000);
});

describe('collegium serve starts', () => {
  it('on an address others reach when given the origin, a demo only when told', async () => {
    const serve = serveProcess([
      '--demo',
      '--demo-public',
      '--data',
      mkdtempSync(join(tmpdir(), 'collegium-public-')),
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--origin',
      'https://collegium.example.org',
    ]);
    try {
      const port = new URL(await serve.url()).port;
      const me = await fetch(`http://127.0.0.1:${port}/api/me`);
      expect(await me.json()).toMatchObject({ demo: true });
      expect(serve.output()).toMatch(/DEMO MODE/);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 60_000);

  it('over HTTPS with a certificate and its key', async () => {
    const tls = (name: string) =>
      fileURLToPath(new URL(`../fixtures/tls/${name}`, import.meta.url));
    const serve = serveProcess([
      '--db',
      record,
      '--port',
      '0',
      '--tls-cert',
      tls('cert.pem'),
      '--tls-key',
      tls('key.pem'),
    ]);
    try {
      const url = await serve.url();
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
      const health = await new Promise<string>((resolve, reject) =>
        httpsGet(`${url}api/health`, { rejectUnauthorized: false }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve(body));
        }).on('error', reject),
      );
      expect(JSON.parse(health)).toEqual({ status: 'ok' });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 30_000);

  it('logs each request as a JSON line at --log-level info, and answers health and readiness', async () => {
    const serve = serveProcess(['--db', record, '--port', '0', '--log-level', 'info']);
    try {
      const base = (await serve.url()).replace(/\/$/, '');
      expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${base}/api/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', size: 1 });
      // The request's line is written once its answer has gone: it may come just after it.
      const logged = () =>
        serve
          .output()
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map(
            (line) =>
              JSON.parse(line) as {
                level: string;
                time: string;
                msg?: string;
                ballots?: number;
                url?: string;
              },
          );
      await expect.poll(() => logged().some((l) => l.url === '/api/ready')).toBe(true);
      // One line a request, with its level's name and an ISO time.
      const lines = logged().filter((l) => l.url === '/api/ready');
      expect(lines).toEqual([
        expect.objectContaining({ level: 'info', method: 'GET', status: 200, msg: 'request' }),
      ]);
      expect(lines[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(lines[0]).toHaveProperty('ms', expect.any(Number));
      // Recording was rehearsed before it listened.
      expect(logged()).toContainEqual(
        expect.objectContaining({ msg: 'recording rehearsed', ballots: 96 }),
      );
    } finally {
      expect(await serve.stop()).toBe(0);
    }
    expect(serve.output()).toMatch(/"msg":"stopping: no new connections/);
  }, 60_000);
});
