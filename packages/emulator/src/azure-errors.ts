/** An error answer: status, JSON body and extra headers. */
export interface ErrorAnswer {
  status: number;
  body: { error: Record<string, unknown> } | Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Azure's 401 body for a wrong or missing key. */
export const ACCESS_DENIED_MESSAGE =
  'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.';

/** 401 for a missing or wrong API key. */
export function accessDenied(): ErrorAnswer {
  return { status: 401, body: { error: { code: '401', message: ACCESS_DENIED_MESSAGE } } };
}

/** 401 for a bearer token the emulator did not issue (or for another audience). */
export function invalidToken(): ErrorAnswer {
  return {
    status: 401,
    body: {
      error: {
        code: 'InvalidAuthenticationToken',
        message:
          'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.',
      },
    },
  };
}

/** 401 for an expired bearer token. */
export function expiredToken(): ErrorAnswer {
  return {
    status: 401,
    body: {
      error: {
        code: 'ExpiredToken',
        message:
          'Unauthorized. Access token has expired. Acquire a new token (scope https://cognitiveservices.azure.com/.default) and retry.',
      },
    },
  };
}

/** 404 for an unknown deployment. */
export function deploymentNotFound(): ErrorAnswer {
  return {
    status: 404,
    body: {
      error: {
        code: 'DeploymentNotFound',
        message:
          'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
      },
    },
  };
}

/** 404 for an unknown path. */
export function resourceNotFound(): ErrorAnswer {
  return { status: 404, body: { error: { code: '404', message: 'Resource not found' } } };
}

/** 405 for a known path with the wrong method. */
export function methodNotAllowed(method: string): ErrorAnswer {
  return {
    status: 405,
    body: {
      error: {
        code: 'MethodNotAllowed',
        message: `The HTTP method '${method}' is not supported for this path.`,
      },
    },
  };
}

/** 400 for a dated-surface request without `api-version`. */
export function missingApiVersion(): ErrorAnswer {
  return {
    status: 400,
    body: {
      error: {
        code: 'MissingApiVersion',
        message:
          'Missing required query parameter: api-version. The api-version query parameter (?api-version=) is required for all requests.',
      },
    },
  };
}

/** 400 for an api-version that does not serve the Responses API. */
export function unsupportedApiVersion(version: string): ErrorAnswer {
  return {
    status: 400,
    body: {
      error: {
        code: 'BadRequest',
        message: `Azure OpenAI Responses API is enabled only for api-version 2025-03-01-preview and later (got '${version}').`,
      },
    },
  };
}

/** An OpenAI-style 400 `invalid_request_error`. */
export function invalidRequest(
  message: string,
  param: string | null,
  code: string | null,
): ErrorAnswer {
  return { status: 400, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

/** 400 for a `previous_response_id` Azure does not know (never stored, expired or deleted). */
export function previousResponseNotFound(id: string): ErrorAnswer {
  return invalidRequest(
    `Previous response with id '${id}' not found.`,
    'previous_response_id',
    'previous_response_not_found',
  );
}

/** 400 for a body that is not valid JSON. */
export function invalidJson(detail: string): ErrorAnswer {
  return invalidRequest(
    `We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.) ${detail}`.trim(),
    null,
    'invalid_json',
  );
}

/** 400 for `max_tokens` in a Responses body. */
export function maxTokensUnsupported(): ErrorAnswer {
  return invalidRequest(
    "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_output_tokens' instead.",
    'max_tokens',
    'unsupported_parameter',
  );
}

/** 400 for temperature/top_p other than 1 sent to a reasoning deployment. */
export function unsupportedSamplingValue(
  param: 'temperature' | 'top_p',
  value: unknown,
): ErrorAnswer {
  return invalidRequest(
    `Unsupported value: '${param}' does not support ${JSON.stringify(value)} with this model. Only the default (1) value is supported.`,
    param,
    'unsupported_value',
  );
}

/** 400 for `reasoning.effort` sent to a non-reasoning deployment. */
export function reasoningUnsupported(): ErrorAnswer {
  return invalidRequest(
    "Unsupported parameter: 'reasoning.effort' is not supported with this model.",
    'reasoning.effort',
    'unsupported_parameter',
  );
}

/** 429 with Azure's body (naming the exceeded limit), retry headers (unless omitted) and rate-limit reset headers (when given). */
export function rateLimited(
  retryAfterMs: number,
  apiVersion: string,
  options: {
    omitRetryAfter?: boolean | undefined;
    resetRequests?: string | undefined;
    resetTokens?: string | undefined;
    /** Which limit was exceeded (Azure's wording): tokens per minute or calls per minute. */
    limit?: 'token' | 'call' | undefined;
  } = {},
): ErrorAnswer {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const headers: Record<string, string> = options.omitRetryAfter
    ? {}
    : {
        'retry-after-ms': String(retryAfterMs),
        'x-ms-retry-after-ms': String(retryAfterMs),
        'retry-after': String(seconds),
      };
  if (options.resetRequests !== undefined) {
    headers['x-ratelimit-reset-requests'] = options.resetRequests;
    headers['x-ratelimit-remaining-requests'] = '0';
  }
  if (options.resetTokens !== undefined) {
    headers['x-ratelimit-reset-tokens'] = options.resetTokens;
    headers['x-ratelimit-remaining-tokens'] = '0';
  }
  return {
    status: 429,
    headers,
    body: {
      error: {
        code: '429',
        message: `Requests to the Responses_Create Operation under Azure OpenAI API version ${apiVersion} have exceeded ${options.limit ?? 'token'} rate limit of your current AIServices S0 pricing tier. Please retry after ${seconds} second${seconds === 1 ? '' : 's'}. Please contact Azure support service if you would like to further increase the default rate limit.`,
      },
    },
  };
}

/** A 5xx answer. */
export function serverError(status: number): ErrorAnswer {
  if (status === 503) {
    return {
      status,
      body: {
        error: {
          code: 'ServiceUnavailable',
          message:
            'The service is temporarily unable to process your request. Please try again later.',
        },
      },
    };
  }
  return {
    status,
    body: {
      error: {
        message:
          'The server had an error while processing your request. Sorry about that! You can retry your request, or contact us through an Azure support request if the error persists.',
        type: 'server_error',
        param: null,
        code: status === 500 ? 'InternalServerError' : String(status),
      },
    },
  };
}

/** 400 `context_length_exceeded`. */
export function contextLengthExceeded(): ErrorAnswer {
  return invalidRequest(
    'Your input exceeds the context window of this model. Please adjust your input and try again.',
    'input',
    'context_length_exceeded',
  );
}

/** 404 for a reasoning item sent back by id only while `store` is false. */
export function reasoningItemNotFound(id: string): ErrorAnswer {
  return {
    status: 404,
    body: {
      error: {
        message: `Item with id '${id}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
    },
  };
}

/** 400 for encrypted reasoning content the emulator did not issue. */
export function invalidEncryptedContent(id: string): ErrorAnswer {
  return invalidRequest(
    `The encrypted content for item ${id} could not be verified.`,
    null,
    'invalid_encrypted_content',
  );
}

/** 400 `content_filter` with Azure's `innererror.content_filter_result`. */
export function contentFiltered(
  category: 'hate' | 'sexual' | 'violence' | 'self_harm' | 'jailbreak',
  severity: 'low' | 'medium' | 'high',
): ErrorAnswer {
  const result: Record<string, Record<string, unknown>> = {
    hate: { filtered: false, severity: 'safe' },
    jailbreak: { filtered: false, detected: false },
    self_harm: { filtered: false, severity: 'safe' },
    sexual: { filtered: false, severity: 'safe' },
    violence: { filtered: false, severity: 'safe' },
  };
  result[category] =
    category === 'jailbreak' ? { filtered: true, detected: true } : { filtered: true, severity };
  return {
    status: 400,
    body: {
      error: {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: { code: 'ResponsibleAIPolicyViolation', content_filter_result: result },
      },
    },
  };
}

/**
 * 404 for an output item id (`rs_`, `fc_`, `msg_`) that was never issued. With `store: false`
 * Azure adds that items are not persisted (the text users report with a dropped or invented id).
 */
export function itemNotFound(id: string, store: boolean): ErrorAnswer {
  if (!store) return reasoningItemNotFound(id);
  return {
    status: 404,
    body: {
      error: {
        message: `Item with id '${id}' not found.`,
        type: 'invalid_request_error',
        param: 'input',
        code: null,
      },
    },
  };
}

/** 400 for a replayed reasoning item not followed by its original following item. */
export function reasoningWithoutFollower(id: string): ErrorAnswer {
  return invalidRequest(
    `Item '${id}' of type 'reasoning' was provided without its required following item.`,
    'input',
    null,
  );
}

/** 400 for the item that followed a reasoning item, replayed without that reasoning item. */
export function followerWithoutReasoning(
  id: string,
  type: string,
  reasoningId: string,
): ErrorAnswer {
  return invalidRequest(
    `Item '${id}' of type '${type}' was provided without its required 'reasoning' item: '${reasoningId}'.`,
    'input',
    null,
  );
}
