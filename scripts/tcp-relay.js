// A TCP relay on 127.0.0.1 between an app and its database: cut the line and mend it as a network
// or a database restart would, or slow it down as a distant or overloaded database would.
import { connect, createServer } from 'node:net';

export class TcpRelay {
  /** Milliseconds added to every round trip (the app's bytes wait this long before going on). */
  delayMs = 0;
  port = 0;
  #server = null;
  #sockets = new Set();

  constructor(targetHost, targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  async start(port = 0) {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      // Towards the database each chunk waits delayMs (timers of one duration fire in order, so
      // the byte stream keeps its order); answers come straight back.
      client.on('data', (chunk) => {
        if (this.delayMs === 0) upstream.write(chunk);
        else setTimeout(() => upstream.destroyed || upstream.write(chunk), this.delayMs);
      });
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.port = server.address().port;
    return this.port;
  }

  /** Drops every open connection and refuses new ones. */
  async cut() {
    const server = this.#server;
    this.#server = null;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    if (server) await new Promise((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restore() {
    await this.start(this.port);
  }

  async stop() {
    await this.cut();
  }
}
