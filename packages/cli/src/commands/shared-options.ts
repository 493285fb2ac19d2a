import type { OptionSpec } from '../command-spec.js';

/** `--config FILE`, shared by every command that reads configuration. */
export const CONFIG_OPTION: OptionSpec = {
  type: 'string',
  short: 'c',
  valueName: 'FILE',
  description:
    'Settings file: Amplifier settings TOML ([[providers]] name = "azure-openai") or a plain TOML/JSON file of the keys.',
};

/** `--model M`, shared by `chat` and `demo`. */
export const MODEL_OPTION: OptionSpec = {
  type: 'string',
  short: 'm',
  valueName: 'M',
  description:
    'Model to ask for (mapped to a deployment by deployment_mapping); default: default_model.',
};
