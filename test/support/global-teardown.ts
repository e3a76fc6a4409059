export default async function globalTeardown(): Promise<void> {
  const server = globalThis.oktaHooksDynalite;
  if (server) await new Promise((resolve) => server.close(resolve));
}
