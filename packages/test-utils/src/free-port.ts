import { createServer } from 'node:net';

/**
 * Asks the OS for a currently free TCP port on `host` (default `127.0.0.1`) by listening on
 * port 0 and closing again. Prefer listening on port 0 directly where you can: another process
 * may take the port between this call and your own `listen`.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(closeError => {
        if (closeError) reject(closeError);
        else if (port === undefined) reject(new Error(`Could not read the port bound on ${host}`));
        else resolve(port);
      });
    });
  });
}
