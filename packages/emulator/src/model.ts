import { remainingText } from './continuation.js';
import { isRecord, type JsonObject } from './is-record.js';
import { isEmulatorReasoning } from './reasoning-content.js';
import type { RecordedReasoningInputs } from './types.js';

/** A function-call output that came back at the end of the input. */
export interface ToolOutput {
  callId: string;
  name: string | undefined;
  arguments: string | undefined;
  output: string;
}

/** What the model reads from a Responses request input. */
export interface InputAnalysis {
  /** Text of the last user message ('' when none). */
  lastUserText: string;
  /** `function_call_output` items after the last user/assistant message. */
  trailingOutputs: ToolOutput[];
  /** Number of input items (1 for a string input). */
  itemCount: number;
  /** Reasoning input items seen. */
  reasoning: RecordedReasoningInputs;
  /** The first reasoning item sent back by id only (no encrypted content). */
  reasoningWithoutContentId: string | undefined;
  /** The first reasoning item whose encrypted content the emulator did not issue. */
  foreignReasoningId: string | undefined;
  /** Text of the assistant messages after the last user message (an answer being continued). */
  trailingAssistantText: string;
  /** Whether the input holds a user message at all. */
  hasUserMessage: boolean;
}

/** A planned function call. */
export interface PlannedCall {
  name: string;
  arguments: string;
}

/** What the deterministic model decided to answer. */
export interface ModelPlan {
  /** Reasoning summary text (always computed for reasoning answers; returned only when asked). */
  reasoningSummary: string | undefined;
  calls: PlannedCall[];
  /** Message text, or undefined when the answer is function calls only. */
  text: string | undefined;
  /** The text continues an earlier, cut-off answer (it starts with a space when not empty). */
  continues?: boolean | undefined;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (isRecord(part) && typeof part.text === 'string') {
      text = text === '' ? part.text : `${text}\n${part.text}`;
    }
  }
  return text;
}

/** Reads the last user text, trailing tool outputs and reasoning items from `input`. */
export function analyzeInput(input: unknown): InputAnalysis {
  const reasoning: RecordedReasoningInputs = {
    total: 0,
    recognized: 0,
    unrecognized: 0,
    withoutEncryptedContent: 0,
  };
  const analysis: InputAnalysis = {
    lastUserText: '',
    trailingOutputs: [],
    itemCount: 0,
    reasoning,
    reasoningWithoutContentId: undefined,
    foreignReasoningId: undefined,
    trailingAssistantText: '',
    hasUserMessage: false,
  };
  if (typeof input === 'string') {
    analysis.lastUserText = input;
    analysis.hasUserMessage = true;
    analysis.itemCount = 1;
    return analysis;
  }
  if (!Array.isArray(input)) return analysis;
  analysis.itemCount = input.length;
  const calls = new Map<string, { name: string; arguments: string }>();
  for (const item of input) {
    if (!isRecord(item)) continue;
    const type = item.type;
    if (type === 'function_call' || type === 'function_call_output') {
      analysis.trailingAssistantText = '';
    }
    if (type === 'function_call') {
      if (typeof item.call_id === 'string') {
        calls.set(item.call_id, {
          name: typeof item.name === 'string' ? item.name : '',
          arguments: typeof item.arguments === 'string' ? item.arguments : '',
        });
      }
    } else if (type === 'function_call_output') {
      const callId = typeof item.call_id === 'string' ? item.call_id : '';
      const call = calls.get(callId);
      analysis.trailingOutputs.push({
        callId,
        name: call?.name,
        arguments: call?.arguments,
        output: typeof item.output === 'string' ? item.output : JSON.stringify(item.output),
      });
    } else if (type === 'reasoning') {
      reasoning.total += 1;
      const id = typeof item.id === 'string' ? item.id : '';
      if (typeof item.encrypted_content === 'string' && item.encrypted_content !== '') {
        if (isEmulatorReasoning(item.encrypted_content, id)) reasoning.recognized += 1;
        else {
          reasoning.unrecognized += 1;
          analysis.foreignReasoningId ??= id;
        }
      } else {
        reasoning.withoutEncryptedContent += 1;
        analysis.reasoningWithoutContentId ??= id;
      }
    } else if (type === 'message' || (type === undefined && 'role' in item)) {
      if (item.role === 'user') {
        analysis.lastUserText = contentText(item.content);
        analysis.hasUserMessage = true;
        analysis.trailingOutputs = [];
        analysis.trailingAssistantText = '';
      } else if (item.role === 'assistant') {
        analysis.trailingOutputs = [];
        analysis.trailingAssistantText += contentText(item.content);
      }
    }
  }
  return analysis;
}

/** A function tool offered in the request. */
interface FunctionTool {
  name: string;
  parameters: JsonObject | undefined;
}

function functionTools(tools: unknown): FunctionTool[] {
  if (!Array.isArray(tools)) return [];
  const result: FunctionTool[] = [];
  for (const tool of tools) {
    if (isRecord(tool) && tool.type === 'function' && typeof tool.name === 'string') {
      result.push({
        name: tool.name,
        parameters: isRecord(tool.parameters) ? tool.parameters : undefined,
      });
    }
  }
  return result;
}

const VERB_PREFIXES = new Set([
  'get',
  'fetch',
  'find',
  'lookup',
  'look',
  'search',
  'list',
  'read',
  'check',
  'query',
  'run',
  'do',
]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `text` (lower-cased) asks for `name`: the name itself, spaced, or without its verb. */
function mentions(lowerText: string, name: string): boolean {
  const lowerName = name.toLowerCase();
  if (lowerText.includes(lowerName)) return true;
  const words = lowerName.split(/[_\-.\s]+|(?<=[a-z])(?=[A-Z])/).filter(w => w !== '');
  if (words.length > 1 && lowerText.includes(words.join(' '))) return true;
  const core = words[0] !== undefined && VERB_PREFIXES.has(words[0]) ? words.slice(1) : words;
  if (core.length === 0) return false;
  return new RegExp(`\\b${escapeRegExp(core.join(' '))}s?\\b`).test(lowerText);
}

const SUBJECT_PATTERN = /\b(?:in|for|of|about|at|on)\s+([^?.!;:\n]+)/i;
const SUBJECT_SPLIT = /\s*(?:,|\band\b|&|\bor\b|\bthen\b)\s*/i;
const SUBJECT_STOP = /\s+\b(?:in|for|of|about|at|on|with|today|tomorrow|now|please)\b.*$/i;

/** The subjects named after a preposition: "weather in Paris and Tokyo" -> ["Paris", "Tokyo"]. */
export function extractSubjects(text: string): string[] {
  const match = SUBJECT_PATTERN.exec(text);
  if (match?.[1] === undefined) return [];
  const phrase = match[1].replace(SUBJECT_STOP, '');
  return phrase
    .split(SUBJECT_SPLIT)
    .map(s =>
      s
        .replace(/^(?:the|a|an)\s+/i, '')
        .replace(/["'`]/g, '')
        .trim(),
    )
    .filter(s => s !== '')
    .slice(0, 8);
}

function schemaType(schema: unknown): string | undefined {
  if (!isRecord(schema)) return undefined;
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find(t => t !== 'null') as string | undefined;
  if (Array.isArray(schema.enum)) return typeof schema.enum[0];
  return undefined;
}

/** Builds a value for `schema`: the subject for the main string, numbers from the text, defaults elsewhere. */
export function fillSchema(
  schema: unknown,
  subject: string,
  numbers: number[] = [],
  lowerText = '',
): unknown {
  if (!isRecord(schema)) return subject;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const named = schema.enum.find(
      v => typeof v === 'string' && lowerText.includes(v.toLowerCase()),
    );
    return named ?? schema.enum[0];
  }
  if ('const' in schema) return schema.const;
  switch (schemaType(schema)) {
    case 'object': {
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required)
        ? schema.required.filter((k): k is string => typeof k === 'string')
        : [];
      const keys = required.length > 0 ? required : Object.keys(properties);
      const isPlainString = (k: string): boolean => {
        const prop = properties[k];
        return schemaType(prop) === 'string' && !(isRecord(prop) && Array.isArray(prop.enum));
      };
      const subjectKey = keys.find(isPlainString);
      const value: JsonObject = {};
      for (const key of keys) {
        const prop = properties[key];
        value[key] = key === subjectKey ? subject : fillSchema(prop, '', numbers, lowerText);
      }
      return value;
    }
    case 'string':
      return subject;
    case 'number':
    case 'integer': {
      const n = numbers.shift();
      return n ?? 0;
    }
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'null':
      return null;
    default:
      return subject;
  }
}

function extractBalancedJson(text: string, start: number): string | undefined {
  if (text[start] !== '{') return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

const EXPLICIT_CALL = /\bcall\s+([A-Za-z_][A-Za-z0-9_.-]*)/g;

function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

/** The function calls the text asks for, given the offered tools. */
export function planCalls(
  text: string,
  toolsValue: unknown,
  toolChoice: unknown,
  parallel: boolean,
): PlannedCall[] {
  if (toolChoice === 'none') return [];
  let tools = functionTools(toolsValue);
  if (tools.length === 0) return [];
  const forced =
    isRecord(toolChoice) && toolChoice.type === 'function' && typeof toolChoice.name === 'string'
      ? toolChoice.name
      : undefined;
  if (forced !== undefined) tools = tools.filter(t => t.name === forced);
  const byName = new Map(tools.map(t => [t.name, t]));
  const calls: PlannedCall[] = [];
  const lowerText = text.toLowerCase();

  // Explicit form: `call get_weather {"city":"Paris"}`.
  for (const match of text.matchAll(EXPLICIT_CALL)) {
    const name = match[1] ?? '';
    const tool = byName.get(name);
    if (tool === undefined) continue;
    let rest = match.index + match[0].length;
    while (text[rest] === ' ') rest += 1;
    const json = extractBalancedJson(text, rest);
    if (json !== undefined) {
      let args = json;
      try {
        args = JSON.stringify(JSON.parse(json));
      } catch {
        // keep the raw text
      }
      calls.push({ name, arguments: args });
    } else {
      const subject = extractSubjects(text.slice(rest))[0] ?? text.slice(rest).trim();
      calls.push({
        name,
        arguments: JSON.stringify(
          fillSchema(tool.parameters ?? { type: 'object' }, subject, numbersIn(text), lowerText),
        ),
      });
    }
  }

  // Mention form: the tool's name (or its noun) appears in the text.
  if (calls.length === 0) {
    const subjects = extractSubjects(text);
    for (const tool of tools) {
      if (!mentions(lowerText, tool.name)) continue;
      for (const subject of subjects.length > 0 ? subjects : [text]) {
        calls.push({
          name: tool.name,
          arguments: JSON.stringify(
            fillSchema(tool.parameters ?? { type: 'object' }, subject, numbersIn(text), lowerText),
          ),
        });
      }
    }
  }

  if (calls.length === 0 && (toolChoice === 'required' || forced !== undefined)) {
    const tool = tools[0];
    if (tool !== undefined) {
      calls.push({
        name: tool.name,
        arguments: JSON.stringify(
          fillSchema(tool.parameters ?? { type: 'object' }, text, numbersIn(text), lowerText),
        ),
      });
    }
  }
  return parallel ? calls : calls.slice(0, 1);
}

const FILLER_WORDS = [
  'Azure',
  'OpenAI',
  'streams',
  'this',
  'deterministic',
  'answer',
  'one',
  'word',
  'at',
  'a',
  'time',
  'so',
  'benchmarks',
  'and',
  'tests',
  'can',
  'measure',
  'every',
  'delta',
  'that',
  'arrives',
  'from',
  'the',
  'local',
  'emulator',
];

/** `count` deterministic words separated by spaces. */
export function longAnswer(count: number): string {
  const words: string[] = new Array(count);
  for (let i = 0; i < count; i += 1) words[i] = FILLER_WORDS[i % FILLER_WORDS.length] as string;
  return words.join(' ');
}

/** The largest word count `long answer <N> words` honours. */
export const MAX_LONG_ANSWER_WORDS = 200_000;

const LONG_ANSWER = /\blong answer (?:of )?(\d+) words?\b/i;

/** The text answer for a user text (no tools involved). */
export function answerText(userText: string): string {
  const long = LONG_ANSWER.exec(userText);
  if (long?.[1] !== undefined) {
    return longAnswer(Math.min(Number(long[1]), MAX_LONG_ANSWER_WORDS));
  }
  const trimmed = userText.trim();
  if (trimmed === '') return 'Hello from the Azure OpenAI emulator.';
  return `Echo: ${trimmed}`;
}

/** The text answer when function-call outputs came back. */
export function answerFromToolOutputs(outputs: readonly ToolOutput[]): string {
  const parts = outputs.map(
    o => `${o.name ?? o.callId}(${o.arguments ?? ''}) returned ${o.output}`,
  );
  return `Based on the tool results: ${parts.join('; ')}.`;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Decides the answer for a request body. */
export function planAnswer(
  body: JsonObject,
  analysis: InputAnalysis,
  reasoning: boolean,
): ModelPlan {
  const userText = analysis.lastUserText;
  let calls: PlannedCall[] = [];
  let text: string | undefined;
  let intent: string;
  let continues = false;
  if (analysis.trailingOutputs.length > 0) {
    text = answerFromToolOutputs(analysis.trailingOutputs);
    intent = `answer using ${analysis.trailingOutputs.length} tool result(s)`;
  } else {
    calls = planCalls(userText, body.tools, body.tool_choice, body.parallel_tool_calls !== false);
    if (calls.length > 0) {
      intent = `call ${calls.map(c => c.name).join(', ')}`;
    } else {
      const format =
        isRecord(body.text) && isRecord(body.text.format) ? body.text.format : undefined;
      if (format?.type === 'json_schema' && isRecord(format.schema)) {
        text = JSON.stringify(
          fillSchema(
            format.schema,
            shorten(userText, 200),
            numbersIn(userText),
            userText.toLowerCase(),
          ),
        );
      } else if (format?.type === 'json_object') {
        text = JSON.stringify({ answer: answerText(userText) });
      } else {
        text = answerText(userText);
      }
      intent = 'answer directly';
      const rest =
        text === undefined ? undefined : remainingText(text, analysis.trailingAssistantText);
      if (rest !== undefined) {
        text = rest;
        continues = true;
        intent = 'continue the answer cut off before';
      }
    }
  }
  const reasoningSummary = reasoning
    ? `**Planning the answer**\n\nThe user wrote "${shorten(userText, 80)}". I will ${intent}.`
    : undefined;
  return continues
    ? { reasoningSummary, calls, text, continues }
    : { reasoningSummary, calls, text };
}

/** Counts words (runs of non-space characters). */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const space = code === 32 || code === 10 || code === 9 || code === 13;
    if (!space && !inWord) count += 1;
    inWord = !space;
  }
  return count;
}
