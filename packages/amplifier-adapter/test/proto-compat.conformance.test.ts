import { sharedPath } from '@amplifier-azure-openai/test-utils';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { protoPath } from '../src/grpc/proto-path.js';
import { PROTO_LOADER_OPTIONS } from '../src/grpc/proto-types.js';

/*
 * Drift guard: every message, enum and service of the project's own proto must be identical (names,
 * field numbers, types, labels, oneofs, enum values, rpc signatures) to Amplifier's official
 * amplifier_module.proto, read from ../shared at test time (never copied). And the served
 * services must be complete: everything the official ProviderService and ModuleLifecycle
 * reference is defined here.
 */

const PACKAGE = 'amplifier.module';

interface FieldDescriptor {
  name: string;
  number: number;
  label: string;
  type: string;
  typeName: string;
  oneofIndex?: number;
}
interface MessageDescriptor {
  name: string;
  field: FieldDescriptor[];
  nestedType: MessageDescriptor[];
  oneofDecl: Array<{ name: string }>;
}
interface EnumDescriptor {
  value: Array<{ name: string; number: number }>;
}
interface TypeEntry {
  format: string;
  type: MessageDescriptor | EnumDescriptor;
}
interface MethodEntry {
  path: string;
  requestStream: boolean;
  responseStream: boolean;
  requestType: { type: MessageDescriptor };
  responseType: { type: MessageDescriptor };
}

const ours = loadSync(protoPath(), { ...PROTO_LOADER_OPTIONS });
const official = loadSync(sharedPath('amplifier/amplifier_module.proto'), {
  ...PROTO_LOADER_OPTIONS,
});

function entries(definition: PackageDefinition, format: string): Map<string, TypeEntry> {
  const result = new Map<string, TypeEntry>();
  for (const [name, value] of Object.entries(definition)) {
    if ((value as Partial<TypeEntry>).format === format) result.set(name, value as TypeEntry);
  }
  return result;
}

function services(definition: PackageDefinition): Map<string, Record<string, MethodEntry>> {
  const result = new Map<string, Record<string, MethodEntry>>();
  for (const [name, value] of Object.entries(definition)) {
    if (!('format' in value)) result.set(name, value as unknown as Record<string, MethodEntry>);
  }
  return result;
}

function describeMessage(message: MessageDescriptor): unknown {
  return {
    fields: message.field
      .map(field => ({
        name: field.name,
        number: field.number,
        label: field.label,
        type: field.type,
        typeName: field.typeName,
        oneof:
          field.oneofIndex === undefined
            ? null
            : (message.oneofDecl[field.oneofIndex]?.name ?? null),
      }))
      .sort((a, b) => a.number - b.number),
    nested: message.nestedType.map(nested => ({
      name: nested.name,
      shape: describeMessage(nested),
    })),
  };
}

function describeEnum(descriptor: EnumDescriptor): unknown {
  return descriptor.value.map(value => ({ name: value.name, number: value.number }));
}

function describeService(methods: Record<string, MethodEntry>): unknown {
  return Object.fromEntries(
    Object.entries(methods).map(([name, method]) => [
      name,
      {
        path: method.path,
        requestStream: method.requestStream,
        responseStream: method.responseStream,
        request: method.requestType.type.name,
        response: method.responseType.type.name,
      },
    ]),
  );
}

const MESSAGE = 'Protocol Buffer 3 DescriptorProto';
const ENUM = 'Protocol Buffer 3 EnumDescriptorProto';

describe('project proto vs the official amplifier_module.proto', () => {
  const ourMessages = entries(ours, MESSAGE);
  const officialMessages = entries(official, MESSAGE);
  const ourEnums = entries(ours, ENUM);
  const officialEnums = entries(official, ENUM);

  it('uses the same package and serves ProviderService and ModuleLifecycle', () => {
    expect([...services(ours).keys()].sort()).toEqual([
      `${PACKAGE}.ModuleLifecycle`,
      `${PACKAGE}.ProviderService`,
    ]);
    expect(ourMessages.size).toBeGreaterThan(20);
  });

  it.each([...entries(ours, MESSAGE).keys()])('message %s matches field for field', name => {
    const theirs = officialMessages.get(name);
    expect(theirs, `${name} is not in the official proto`).toBeDefined();
    expect(describeMessage(ourMessages.get(name)?.type as MessageDescriptor)).toEqual(
      describeMessage(theirs?.type as MessageDescriptor),
    );
  });

  it.each([...entries(ours, ENUM).keys()])('enum %s matches value for value', name => {
    const theirs = officialEnums.get(name);
    expect(theirs, `${name} is not in the official proto`).toBeDefined();
    expect(describeEnum(ourEnums.get(name)?.type as EnumDescriptor)).toEqual(
      describeEnum(theirs?.type as EnumDescriptor),
    );
  });

  it.each(['ProviderService', 'ModuleLifecycle'])('service %s has the official rpcs', service => {
    const name = `${PACKAGE}.${service}`;
    const theirs = services(official).get(name);
    expect(theirs).toBeDefined();
    expect(describeService(services(ours).get(name) ?? {})).toEqual(describeService(theirs ?? {}));
  });

  it('defines every message and enum the served official services reference (transitively)', () => {
    const needed = new Set<string>();
    const visit = (typeName: string) => {
      const bare = typeName.replace(/^\./, '');
      const name = bare.includes('.') ? bare : `${PACKAGE}.${bare}`;
      if (needed.has(name)) return;
      needed.add(name);
      const message = officialMessages.get(name)?.type as MessageDescriptor | undefined;
      if (message === undefined) return;
      const visitMessage = (descriptor: MessageDescriptor) => {
        for (const field of descriptor.field) if (field.typeName) visit(field.typeName);
        for (const nested of descriptor.nestedType) visitMessage(nested);
      };
      visitMessage(message);
    };
    for (const service of ['ProviderService', 'ModuleLifecycle']) {
      for (const method of Object.values(services(official).get(`${PACKAGE}.${service}`) ?? {})) {
        visit(`${PACKAGE}.${method.requestType.type.name}`);
        visit(`${PACKAGE}.${method.responseType.type.name}`);
      }
    }
    // Map entry types (nested in their message) are compared with their parent message.
    const topLevel = [...needed].filter(
      name => officialMessages.has(name) || officialEnums.has(name),
    );
    expect(topLevel.length).toBeGreaterThan(20);
    expect(topLevel.filter(name => !ourMessages.has(name) && !ourEnums.has(name))).toEqual([]);
  });
});
