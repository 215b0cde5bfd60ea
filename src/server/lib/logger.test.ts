import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { loggerOptions } from './logger.ts';

function captureLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const options = loggerOptions(parseConfig({ LOG_LEVEL: 'info' })) as pino.LoggerOptions;
  return { logger: pino(options, stream), lines };
}

describe('log redaction', () => {
  it('never writes credentials or fields marked sensitive', () => {
    const { logger, lines } = captureLogger();
    logger.info(
      {
        req: { method: 'POST', url: '/api/x', headers: { cookie: 'session=abc', authorization: 'Bearer abc' } },
        password: 'correct horse battery staple',
        body: { message: 'ik word bedreigd op Dorpsstraat 1' },
        person: { homeAddress: 'Dorpsstraat 1', phone: '0612345678' },
      },
      'something happened',
    );
    const output = lines.join('');
    for (const secret of ['session=abc', 'Bearer abc', 'correct horse', 'Dorpsstraat', '0612345678']) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[redacted]');
    expect(output).toContain('something happened');
  });

  it('logs the path of a request, not its query string', () => {
    const { logger, lines } = captureLogger();
    logger.info({ req: { method: 'GET', url: '/api/search?q=Dorpsstraat', id: '1' } }, 'request');
    expect(lines.join('')).not.toContain('Dorpsstraat');
  });
});

describe('errors in the log', () => {
  it('keep a database error’s SQLSTATE and names, never its query, parameters, message or detail', () => {
    const { logger, lines } = captureLogger();
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "Dorpsstraat 1"'), {
      code: '22P02',
      severity: 'ERROR',
      routine: 'string_to_uuid',
      detail: 'Key (email)=(jan@example.org) already exists.',
      table: 'people',
      query: 'select * from people where id = $1',
      params: ['Dorpsstraat 1'],
    });
    const wrapper = Object.assign(
      new Error('Failed query: select * from people where id = $1\nparams: Dorpsstraat 1'),
      { query: 'select * from people where id = $1', params: ['Dorpsstraat 1'], cause: driverError },
    );
    logger.error({ err: wrapper }, 'unhandled error');
    const output = lines.join('');
    for (const secret of ['Dorpsstraat', 'jan@example.org', 'select * from', 'params']) {
      expect(output).not.toContain(secret);
    }
    const logged = JSON.parse(output).err;
    expect(logged).toMatchObject({
      type: 'DatabaseQueryFailed',
      cause: { type: 'DatabaseError', code: '22P02', routine: 'string_to_uuid', table: 'people' },
    });
  });

  it('keep other errors by type and stack frames, causes included', () => {
    const { logger, lines } = captureLogger();
    logger.error({ err: new Error('mail server said no', { cause: new Error('ECONNREFUSED') }) }, 'failed');
    const logged = JSON.parse(lines.join('')).err;
    expect(logged).toMatchObject({ type: 'Error', cause: { type: 'Error' } });
    expect(logged.stack).toMatch(/^\s+at /);
    // Messages may carry anything: like every `message` field they are redacted, in the stack too.
    expect(lines.join('')).not.toContain('mail server said no');
  });
});
