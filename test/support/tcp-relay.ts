import { createServer, connect, type Socket } from 'node:net';

/** A TCP relay to a local service that a test can cut, to play "the database went away". */
export async function startTcpRelay(
  targetPort: number,
): Promise<{ port: number; cut(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let open = true;
  const server = createServer((client) => {
    if (!open) return client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  const cut = async () => {
    open = false;
    for (const socket of sockets) socket.destroy();
  };
  return {
    port,
    cut,
    close: () => cut().then(() => new Promise<void>((done) => server.close(() => done()))),
  };
}
