import type { AddressInfo } from 'node:net';
import smtp from 'smtp-server';

/** A refusal the test server gives: an SMTP reply code and its text. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface TestSmtpServer {
  url: string;
  /** Every message the server accepted: its recipients and raw source. */
  received: { to: string[]; raw: string }[];
  /** Every RCPT TO the server was given, accepted or not. */
  recipientsTried: string[];
  /** Refuse a connection at the greeting (e.g. 421); return null to let it in. */
  onConnect: () => SmtpRefusal | null;
  /** Refuse a recipient (e.g. 451, 550); return null to accept it. */
  onRecipient: (address: string) => SmtpRefusal | null;
  /** Wait this long before accepting a message's data (to let concurrent deliverers overlap). */
  dataDelayMs: number;
  close(): Promise<void>;
}

function refusal(reply: SmtpRefusal): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

/**
 * A real SMTP server (smtp-server) on a free loopback port, without TLS or authentication, whose answers
 * the test decides: nodemailer talks real SMTP to it, refusals included.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const state: Omit<TestSmtpServer, 'url' | 'close'> = {
    received: [],
    recipientsTried: [],
    onConnect: () => null,
    onRecipient: () => null,
    dataDelayMs: 0,
  };
  const server = new smtp.SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onConnect(_session, callback) {
      const refused = state.onConnect();
      callback(refused ? refusal(refused) : null);
    },
    onRcptTo(address, _session, callback) {
      state.recipientsTried.push(address.address);
      const refused = state.onRecipient(address.address);
      callback(refused ? refusal(refused) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        setTimeout(() => {
          state.received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback(null);
        }, state.dataDelayMs);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(state, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
