import { describe, expect, it } from 'vitest';
import { JSON_RPC_ERRORS, LineSplitter, parseJsonRpcLine } from './json-rpc.js';

describe('LineSplitter', () => {
  it('joins lines across chunks, drops blank lines and \\r, keeps multi-byte characters whole', () => {
    const splitter = new LineSplitter();
    const bytes = new TextEncoder().encode('{"a":"é"}\r\n\n{"b"');
    expect(splitter.push(bytes.slice(0, 8))).toEqual([]);
    expect(splitter.push(bytes.slice(8))).toEqual(['{"a":"é"}']);
    expect(splitter.push(':1}\n')).toEqual(['{"b":1}']);
  });

  it('joins a line sent over many chunks, and several lines in one chunk', () => {
    const splitter = new LineSplitter();
    const long = `{"x":"${'é'.repeat(50_000)}"}`;
    const bytes = new TextEncoder().encode(`${long}\r\n{"y":1}\n\n{"z":2}\n{"w"`);
    const lines: string[] = [];
    for (let at = 0; at < bytes.length; at += 999)
      lines.push(...splitter.push(bytes.slice(at, at + 999)));
    expect(lines).toEqual([long, '{"y":1}', '{"z":2}']);
    expect(splitter.push(':3}\n')).toEqual(['{"w":3}']);
  });
});

describe('parseJsonRpcLine', () => {
  it('accepts requests and notifications', () => {
    expect(parseJsonRpcLine('{"jsonrpc":"2.0","id":1,"method":"get_info"}')).toEqual({
      ok: true,
      message: { jsonrpc: '2.0', id: 1, method: 'get_info' },
    });
    expect(parseJsonRpcLine('{"jsonrpc":"2.0","method":"cancel","params":{"id":1}}').ok).toBe(true);
  });

  it('answers bad lines with the JSON-RPC error and a fix', () => {
    const notJson = parseJsonRpcLine('nope');
    expect(notJson).toMatchObject({ ok: false, id: null, code: JSON_RPC_ERRORS.parseError });
    expect(parseJsonRpcLine('[1]')).toMatchObject({ code: JSON_RPC_ERRORS.invalidRequest });
    expect(parseJsonRpcLine('{"jsonrpc":"1.0","id":7,"method":"x"}')).toMatchObject({
      ok: false,
      id: 7,
      code: JSON_RPC_ERRORS.invalidRequest,
    });
    expect(parseJsonRpcLine('{"jsonrpc":"2.0","id":{},"method":"x"}')).toMatchObject({
      ok: false,
      code: JSON_RPC_ERRORS.invalidRequest,
    });
  });
});
