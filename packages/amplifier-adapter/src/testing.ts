/**
 * `amplifier-module-provider-azure-openai/testing`: an in-memory Amplifier coordinator for tests
 * and benchmarks of `mount()`. NOT a stable API: it may change in any release, minor or patch.
 *
 * @packageDocumentation
 */
export {
  createTestCoordinator,
  type RecordedEvent,
  type TestCoordinator,
  type TestHookHandler,
  type TestHooks,
} from './test-coordinator.js';
