import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the peer accepted: its envelope recipients and the raw message. */
export interface ReceivedMail {
  to: string[];
  raw: string;
}

/**
 * A real SMTP peer on loopback (the `smtp-server` package) that keeps every message it accepts.
 * `refuse` answers 451 to RCPT (try again later), `permanent` 550 (a permanent refusal); with
 * `hold` it keeps a message but does not answer its DATA until `release()`, so a sender can be
 * caught (and killed) mid-send.
 */
export async function startSmtpPeer() {
  const peer = {
    received: [] as ReceivedMail[],
    refuse: false,
    permanent: false,
    hold: false,
    /** Answers every held message and stops holding. */
    release() {
      peer.hold = false;
      for (const answer of held.splice(0)) answer();
    },
    port: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const held: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, done) {
      if (peer.permanent) return done(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      if (peer.refuse) return done(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
      done();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        peer.received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        if (peer.hold) held.push(() => done());
        else done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.port = (server.server.address() as AddressInfo).port;
  return peer;
}

/** A header of a raw message, folded lines joined. */
export const header = (raw: string, name: string) =>
  new RegExp(`^${name}:\\s*(.+(?:\\r?\\n[ \\t].+)*)`, 'im').exec(raw)?.[1]?.replace(/\r?\n[ \t]+/g, ' ');

/** The decoded text of what nodemailer sent (quoted-printable soft breaks joined). */
export const textOf = (raw: string) =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
