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
