/** Options of {@link renderAmplifierToml}. */
export interface AmplifierTomlOptions {
  /** The gRPC endpoint, e.g. `http://127.0.0.1:50051` (see `GrpcServerHandle.endpoint`). */
  endpoint: string;
  /** The module name (default `provider-azure-openai`). */
  name?: string | undefined;
}

/**
 * Renders the `amplifier.toml` that tells Amplifier's kernel to mount this provider over gRPC:
 * `[module]` with `transport = "grpc"` and `type = "provider"`, `[grpc] endpoint`.
 */
export function renderAmplifierToml(options: AmplifierTomlOptions): string {
  const quote = (value: string) => JSON.stringify(value);
  return [
    '[module]',
    `name = ${quote(options.name ?? 'provider-azure-openai')}`,
    'type = "provider"',
    'transport = "grpc"',
    '',
    '[grpc]',
    `endpoint = ${quote(options.endpoint)}`,
    '',
  ].join('\n');
}
