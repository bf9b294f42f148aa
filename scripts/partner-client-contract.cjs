// Writes packages/partner-client/src/contract.generated.ts: the partner client's event types and
// data shapes, read by the TypeScript compiler from the hub's own sources (the intake's DTO
// classes, the outbound JSON Schemas, the receipt and problem shapes), so that the client never
// keeps a hand-written twin of the hub's rules. `node scripts/partner-client-contract.cjs` writes
// it; `--check` exits 1 when the committed file is not what the sources give.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const prettier = require('prettier');
const ts = require('typescript');

const ROOT = join(__dirname, '..');
const TARGET = join(ROOT, 'packages/partner-client/src/contract.generated.ts');

const SOURCES = {
  dtos: 'libs/contracts/src/inbound/event-data.dto.ts',
  envelope: 'libs/contracts/src/inbound/cloud-event.dto.ts',
  mediaTypes: 'libs/contracts/src/inbound/cloud-event-types.ts',
  receipts: 'libs/intake/src/record-event/receipt.view.ts',
  subscriptions: 'libs/delivery/src/webhooks/subscription.view.ts',
  contracts: 'libs/contracts/src/index.ts',
};

function createChecker() {
  const { config, error } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const program = ts.createProgram({
    rootNames: Object.values(SOURCES).map((file) => join(ROOT, file)),
    options: { ...options, noEmit: true, incremental: false },
  });
  const checker = program.getTypeChecker();
  /** The declaration `name` exported by the source file `file`. */
  const exported = (file, name) => {
    const source = program.getSourceFile(join(ROOT, file));
    if (!source) throw new Error(`${file} is gone: point SOURCES at where it moved`);
    const module = checker.getSymbolAtLocation(source);
    const symbol = checker.getExportsOfModule(module).find((each) => each.name === name);
    if (!symbol) throw new Error(`${file} exports no ${name}`);
    return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  };
  return { checker, exported };
}

/**
 * Prints compiler types as TypeScript source. Unions of literals that the sources name (an alias
 * such as `ContactChannel`) are printed once as that alias and referred to by name, wherever the
 * same set of values comes back (the outbound schemas repeat the intake's vocabularies).
 */
class Printer {
  constructor(checker) {
    this.checker = checker;
    /** Literal set key -> alias name, and alias name -> declaration. */
    this.aliasOfValues = new Map();
    this.aliases = new Map();
  }

  /** `node` is the type as written in the source, when there is one: it names aliases. */
  print(type, indent = '', node = undefined) {
    const { checker } = this;
    if (type.flags & ts.TypeFlags.Boolean) return 'boolean';
    if (type.isUnion()) return this.union(type, indent, aliasNameOf(node));
    if (type.isStringLiteral()) return `'${type.value.replace(/'/g, "\\'")}'`;
    if (type.isNumberLiteral()) return String(type.value);
    if (type.flags & ts.TypeFlags.BooleanLiteral) return checker.typeToString(type);
    if (type.flags & ts.TypeFlags.String) return 'string';
    if (type.flags & ts.TypeFlags.Number) return 'number';
    if (type.flags & ts.TypeFlags.Null) return 'null';
    if (checker.isArrayType(type)) {
      const [item] = checker.getTypeArguments(type);
      const printed = this.print(
        item,
        indent,
        node && ts.isArrayTypeNode(node) ? node.elementType : undefined,
      );
      return /[|&]/.test(printed) ? `(${printed})[]` : `${printed}[]`;
    }
    if (type.flags & ts.TypeFlags.Object) return this.object(type, indent);
    throw new Error(`no printing for the type ${checker.typeToString(type)}`);
  }

  /**
   * The properties of an object type, one per line with their comments, in the order `order`
   * names them (else as the compiler lists them); `skip` leaves some out.
   */
  object(type, indent, { skip = [], order = [] } = {}) {
    const { checker } = this;
    const inner = `${indent}  `;
    const lines = [];
    const rank = (property) =>
      (order.indexOf(property.name) + order.length + 1) % (order.length + 1);
    const properties = checker
      .getPropertiesOfType(type)
      .filter((property) => !skip.includes(property.name))
      .sort((a, b) => rank(a) - rank(b));
    for (const property of properties) {
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      const propertyType = checker.getTypeOfSymbol(property);
      const doc = ts.displayPartsToString(property.getDocumentationComment(checker));
      if (doc) lines.push(`${inner}/** ${doc.replace(/\s*\n\s*/g, ' ')} */`);
      const printed = this.print(propertyType, inner, property.valueDeclaration?.type);
      lines.push(`${inner}${property.name}${optional ? '?' : ''}: ${printed};`);
    }
    for (const { keyType, type: valueType } of checker.getIndexInfosOfType(type)) {
      lines.push(`${inner}[key: ${this.print(keyType)}]: ${this.print(valueType, inner)};`);
    }
    if (lines.length === 0) return 'Record<string, never>';
    return `{\n${lines.join('\n')}\n${indent}}`;
  }

  /** Optional properties add `undefined` under strict null checks: their `?` says it already. */
  union(type, indent, written) {
    const members = type.types.filter((member) => !(member.flags & ts.TypeFlags.Undefined));
    if (members.length === 1) return this.print(members[0], indent);
    const literals = members.every((member) => member.isLiteral());
    if (!literals) return members.map((member) => this.print(member, indent)).join(' | ');
    // Sorted, so that the output does not depend on the order the compiler met the values in.
    const printed = members
      .map((member) => member.value)
      .sort((a, b) => (typeof a === 'number' ? a - b : a.localeCompare(b)))
      .map((value) => this.print(members.find((member) => member.value === value)));
    const key = printed.join('|');
    const name = written ?? type.aliasSymbol?.name ?? this.aliasOfValues.get(key);
    if (!name) return printed.join(' | ');
    const known = this.aliases.get(name);
    if (known !== undefined && known.key !== key) {
      throw new Error(`two different value sets are both named ${name}`);
    }
    if (known === undefined) {
      this.aliasOfValues.set(key, name);
      this.aliases.set(name, { key, source: printed.join(' | ') });
    }
    return name;
  }

  /** `export type X = ...;` for every alias printed so far, by name. */
  aliasDeclarations() {
    return [...this.aliases]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, { source }]) => `export type ${name} = ${source};`)
      .join('\n');
  }
}

/** The alias a type node refers to (`channel!: ContactChannel`), if it is one. */
function aliasNameOf(node) {
  return node && ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)
    ? node.typeName.text
    : undefined;
}

/** The properties of a map whose keys are the event types, as an interface body. */
function typeMap(entries, printer) {
  const body = entries
    .map(
      ([eventType, data, order]) => `  '${eventType}': ${printer.object(data, '  ', { order })};`,
    )
    .join('\n');
  return `{\n${body}\n}`;
}

/** `EVENT_DATA_DTOS`: each type's DTO class, whose instances are the data the intake accepts. */
function publishData({ checker, exported }) {
  const declaration = exported(SOURCES.dtos, 'EVENT_DATA_DTOS').valueDeclaration;
  return declaration.initializer.properties.map((property) => {
    const constructorType = checker.getTypeAtLocation(property.initializer);
    const [signature] = constructorType.getConstructSignatures();
    return [property.name.text, signature.getReturnType(), []];
  });
}

/** The `static` type TypeBox gives a schema: what a value valid under it looks like. */
function staticOf(checker, schemaType) {
  const property = schemaType.getProperty('static');
  if (!property) throw new Error(`${checker.typeToString(schemaType)} is no TypeBox schema`);
  return checker.getTypeOfSymbol(property);
}

/** The names of an object schema's properties in the order the schema lists them. */
function schemaOrder(checker, schemaType) {
  const properties = checker.getTypeOfSymbol(schemaType.getProperty('properties'));
  return checker.getPropertiesOfType(properties).map((property) => property.name);
}

/** A TypeBox object schema's static type and its property order. */
function schemaShape(checker, symbol) {
  const schemaType = checker.getTypeOfSymbol(symbol);
  return [staticOf(checker, schemaType), schemaOrder(checker, schemaType)];
}

function feedData({ checker, exported }) {
  const schemas = checker.getTypeOfSymbol(exported(SOURCES.contracts, 'OUTBOUND_EVENT_SCHEMAS'));
  return checker
    .getPropertiesOfType(schemas)
    .map((property) => [property.name, ...schemaShape(checker, property)]);
}

function literalOf(checker, symbol) {
  const type = checker.getTypeOfSymbol(symbol);
  if (!type.isStringLiteral()) throw new Error(`${symbol.name} is no string literal`);
  return `'${type.value}'`;
}

async function generate() {
  const compiler = createChecker();
  const { checker, exported } = compiler;
  const printer = new Printer(checker);
  const publish = publishData(compiler);
  const feed = feedData(compiler);
  const publishMap = typeMap(publish, printer);
  const feedMap = typeMap(feed, printer);
  const schema = (name, skip = []) => {
    const [type, order] = schemaShape(checker, exported(SOURCES.contracts, name));
    return printer.object(type, '', { order, skip });
  };
  const instance = (file, name, skip = []) =>
    printer.object(checker.getDeclaredTypeOfSymbol(exported(file, name)), '', { skip });
  const envelope = instance(SOURCES.envelope, 'CloudEventDto', ['type', 'data']);
  const feedEnvelope = schema('OutboundCloudEventSchema', ['type', 'data']);
  const receipt = instance(SOURCES.receipts, 'ReceiptView');
  const batchResult = instance(SOURCES.receipts, 'BatchResultView', ['receipt', 'problem']);
  const problem = schema('ProblemSchema');
  const subscriptionType = checker.getDeclaredTypeOfSymbol(
    exported(SOURCES.subscriptions, 'SubscriptionView'),
  );
  const subscription = printer.object(subscriptionType, '');
  const created = instance(
    SOURCES.subscriptions,
    'CreatedSubscriptionView',
    checker.getPropertiesOfType(subscriptionType).map((property) => property.name),
  );
  const source = `// Generated by scripts/partner-client-contract.cjs from the hub's sources; do not edit.
// Regenerate with \`npm run generate:partner-client\`.

${printer.aliasDeclarations()}

export const CLOUDEVENTS_MEDIA_TYPE = ${literalOf(checker, exported(SOURCES.mediaTypes, 'CLOUDEVENTS_MEDIA_TYPE'))};
export const CLOUDEVENTS_BATCH_MEDIA_TYPE = ${literalOf(checker, exported(SOURCES.mediaTypes, 'CLOUDEVENTS_BATCH_MEDIA_TYPE'))};

/** Every type a partner may publish (its agreement and kind decide which it is allowed). */
export const PUBLISH_EVENT_TYPES = [
${publish.map(([type]) => `  '${type}',`).join('\n')}
] as const;

/** Every type a partner may be delivered. */
export const FEED_EVENT_TYPES = [
${feed.map(([type]) => `  '${type}',`).join('\n')}
] as const;

/** The \`data\` of each type as the hub's intake accepts it: unknown fields are refused. */
export interface PublishDataMap ${publishMap}

/**
 * The \`data\` of each type as the feed, the event stream and webhooks deliver it. Identity and free
 * text may be withheld by the sharing agreement, or redacted after an erasure.
 */
export interface FeedDataMap ${feedMap}

/** The CloudEvents attributes of an event to publish, but for \`type\` and \`data\`. */
export interface PublishAttributes ${envelope}

/** The CloudEvents attributes of a delivered event, but for \`type\` and \`data\`. */
export interface FeedAttributes ${feedEnvelope}

/** What the hub answers for a stored event: 201 the first time, 200 with the same receipt after. */
export interface Receipt ${receipt}

/** The answer to one event of a batch, but for its receipt or problem. */
export interface BatchResultStatus ${batchResult}

/** An RFC 9457 problem document, as the hub answers every refusal. */
export interface Problem ${problem}

/** A webhook subscription and how its delivery goes. */
export interface Subscription ${subscription}

/** A new subscription, with the secret its calls are signed with (keep it: it is shown once). */
export interface CreatedSubscription extends Subscription ${created}
`;
  const options = await prettier.resolveConfig(TARGET);
  return prettier.format(source, { ...options, filepath: TARGET });
}

async function main() {
  const generated = await generate();
  if (process.argv.includes('--check')) {
    if (readFileSync(TARGET, 'utf8') !== generated) {
      console.error(`${TARGET} is out of date: run npm run generate:partner-client`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(TARGET, generated);
}

main().catch((error) => {
  console.error(`partner client contract: ${error.message}`);
  process.exitCode = 1;
});
