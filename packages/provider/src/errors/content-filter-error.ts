import { AzureOpenAIError, type AzureOpenAIErrorOptions } from './azure-openai-error.js';

const MARKER = 'amplifier-azure-openai.provider.content-filter';
const SYMBOL = Symbol.for(MARKER);

/** One category of Azure's content filter result (`innererror.content_filter_result`). */
export interface ContentFilterCategory {
  /** `hate`, `sexual`, `violence`, `self_harm`, `jailbreak`, `profanity`, ... */
  category: string;
  /** Whether this category caused the request to be filtered. */
  filtered: boolean;
  /** `safe`, `low`, `medium` or `high`, for severity-rated categories. */
  severity?: string | undefined;
  /** For detection categories (jailbreak, protected material): whether it was detected. */
  detected?: boolean | undefined;
}

/** Constructor options of {@link ContentFilterError}. */
export interface ContentFilterErrorOptions extends AzureOpenAIErrorOptions {
  /** Every category Azure reported, filtered or not. */
  categories?: readonly ContentFilterCategory[] | undefined;
}

/**
 * Azure's content filter blocked the prompt (HTTP 400 with code `content_filter` and
 * `innererror.content_filter_result`). `categories` lists what Azure reported, with severities;
 * the message names the categories that were filtered.
 */
export class ContentFilterError extends AzureOpenAIError {
  protected readonly [SYMBOL] = true;
  /** Every category Azure reported, filtered or not. */
  readonly categories: readonly ContentFilterCategory[];

  /** @param options - message and context; see {@link ContentFilterErrorOptions}. */
  constructor(options: ContentFilterErrorOptions) {
    super({ retryable: false, ...options });
    this.name = 'ContentFilterError';
    this.categories = options.categories ?? [];
  }

  /** True when `value` is a {@link ContentFilterError} from any copy of this package. */
  static override isInstance(value: unknown): value is ContentFilterError {
    return AzureOpenAIError.hasMarker(value, MARKER);
  }

  protected override details(): Record<string, unknown> {
    return { ...super.details(), categories: this.categories };
  }
}

/**
 * Reads Azure's `content_filter_result` object (`{ hate: { filtered, severity }, jailbreak:
 * { filtered, detected }, ... }`) into a list of categories. Unknown shapes give an empty list.
 */
export function parseContentFilterResult(value: unknown): ContentFilterCategory[] {
  if (typeof value !== 'object' || value === null) return [];
  const categories: ContentFilterCategory[] = [];
  for (const [category, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    const item: ContentFilterCategory = { category, filtered: record.filtered === true };
    if (typeof record.severity === 'string') item.severity = record.severity;
    if (typeof record.detected === 'boolean') item.detected = record.detected;
    categories.push(item);
  }
  return categories;
}

/** "hate (severity high), jailbreak (detected)" for the categories that were filtered. */
export function describeContentFilterCategories(
  categories: readonly ContentFilterCategory[],
): string {
  const filtered = categories.filter(category => category.filtered);
  const shown = filtered.length > 0 ? filtered : categories;
  if (shown.length === 0) return 'no category details';
  return shown
    .map(category => {
      if (category.severity !== undefined)
        return `${category.category} (severity ${category.severity})`;
      if (category.detected !== undefined)
        return `${category.category} (${category.detected ? 'detected' : 'not detected'})`;
      return category.category;
    })
    .join(', ');
}
