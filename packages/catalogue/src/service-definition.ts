import { type Static, Type } from '@madoguchi/http';
import {
  attachmentMediaTypes,
  categories,
  fillers,
  hubDocuments,
  hubInfoTypeNames,
  lifeEvents,
  payments,
  widgets,
} from './vocab.ts';

/**
 * The published form of a service (ぴったりサービス). One schema gives the TypeScript type, the check an
 * agency's upload goes through and the document the portal renders from. Rules are JSON Logic and are
 * checked separately (rules.ts) because a JSON Schema for "any operator tree" says nothing useful.
 */

const LocalText = Type.Object(
  { ja: Type.String({ minLength: 1, maxLength: 2000 }), en: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type LocalText = Static<typeof LocalText>;

/** A JSON Logic rule (see rules.ts for the subset). */
export const RuleSchema = Type.Unknown({ description: 'JSON Logic rule, subset documented in rules.ts' });

const slug = { pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 };

const ViaHub = Type.Object(
  { infoType: Type.Enum([...hubInfoTypeNames]), what: Type.Enum([...hubDocuments]) },
  { additionalProperties: false },
);

const RequiredDocument = Type.Object(
  {
    id: Type.String(slug),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    help: Type.Optional(LocalText),
    /** Needed only when this holds; absent means always. */
    when: Type.Optional(RuleSchema),
    /** The network can replace the paper: the office fetches it instead of the resident. */
    viaHub: Type.Optional(ViaHub),
    /** Another service of the catalogue that produces this document electronically (就労証明書). */
    electronicForm: Type.Optional(Type.String(slug)),
    accept: Type.Array(Type.Enum([...attachmentMediaTypes]), { minItems: 1, uniqueItems: true }),
    maxBytes: Type.Integer({ minimum: 1, maximum: 20 * 1024 * 1024 }),
  },
  { additionalProperties: false },
);
export type RequiredDocument = Static<typeof RequiredDocument>;

const Option = Type.Object(
  { value: Type.Union([Type.String(), Type.Number(), Type.Boolean()]), label: LocalText },
  { additionalProperties: false },
);

/** Options the back office serves at render time (面談 slots) instead of fixed ones in the definition. */
const OptionsFrom = Type.Object(
  {
    kind: Type.Literal('interview-slots'),
    /** Path on the agency's machine API that lists open slots for this service. */
    path: Type.String({ pattern: '^/[a-z0-9/_-]+$', maxLength: 200 }),
  },
  { additionalProperties: false },
);

const UiField = Type.Object(
  {
    name: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*$', maxLength: 64 }),
    widget: Type.Enum([...widgets]),
    label: LocalText,
    help: Type.Optional(LocalText),
    options: Type.Optional(Type.Array(Option, { minItems: 1 })),
    optionsFrom: Type.Optional(OptionsFrom),
    /** Date entry: 西暦, 和暦 (令和6年4月1日) or both; the value is always ISO 8601. */
    calendar: Type.Optional(Type.Enum(['seireki', 'wareki', 'both'])),
    autocomplete: Type.Optional(Type.String({ maxLength: 64 })),
    /** Shown only when this holds (data: { form }). */
    when: Type.Optional(RuleSchema),
  },
  { additionalProperties: false },
);
export type UiField = Static<typeof UiField>;

const UiSection = Type.Object(
  {
    id: Type.String(slug),
    title: LocalText,
    help: Type.Optional(LocalText),
    /** The fields sit in this object property of the form value. */
    group: Type.Optional(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*$' })),
    /** The fields repeat per item of this array property (children …). */
    repeat: Type.Optional(
      Type.Object(
        { property: Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*$' }), itemTitle: LocalText },
        { additionalProperties: false },
      ),
    ),
    when: Type.Optional(RuleSchema),
    fields: Type.Array(UiField, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type UiSection = Static<typeof UiSection>;

/** A JSON Schema draft-07 object schema; closed (additionalProperties false) so stray fields are refused. */
export const FormSchemaSchema = Type.Object(
  {
    $schema: Type.Literal('http://json-schema.org/draft-07/schema#'),
    type: Type.Literal('object'),
    properties: Type.Record(Type.String(), Type.Unknown()),
    required: Type.Optional(Type.Array(Type.String())),
    additionalProperties: Type.Literal(false),
  },
  { additionalProperties: true },
);
export type FormSchema = Static<typeof FormSchemaSchema>;

const Form = Type.Object(
  { schema: FormSchemaSchema, ui: Type.Object({ sections: Type.Array(UiSection, { minItems: 1 }) }) },
  { additionalProperties: false },
);
export type FormDefinition = Static<typeof Form>;

/** When a periodic 現況届 is due; the portal sends the お知らせ `leadDays` before the window opens. */
const StatusReport = Type.Object(
  {
    fromMonth: Type.Integer({ minimum: 1, maximum: 12 }),
    fromDay: Type.Integer({ minimum: 1, maximum: 31 }),
    toMonth: Type.Integer({ minimum: 1, maximum: 12 }),
    toDay: Type.Integer({ minimum: 1, maximum: 31 }),
    leadDays: Type.Integer({ minimum: 0, maximum: 90 }),
  },
  { additionalProperties: false },
);

export const ServiceDefinitionSchema = Type.Object(
  {
    id: Type.String(slug),
    municipality: Type.String({ pattern: '^[0-9]{6}$' }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    titleEn: Type.String({ minLength: 1, maxLength: 200 }),
    titleKana: Type.String({ pattern: '^[ァ-ヶー・　 ]+$', maxLength: 400 }),
    description: LocalText,
    /** The law the procedure rests on (児童手当法第7条 …), shown to the resident. */
    legalBasis: Type.String({ minLength: 1, maxLength: 200 }),
    category: Type.Enum([...categories]),
    lifeEvents: Type.Array(Type.Enum([...lifeEvents]), { minItems: 1, uniqueItems: true }),
    eligibility: RuleSchema,
    requiredDocuments: Type.Array(RequiredDocument),
    filledBy: Type.Enum([...fillers]),
    form: Form,
    signatureRequired: Type.Boolean(),
    fee: Type.Object(
      { amountYen: Type.Integer({ minimum: 0 }), payment: Type.Optional(Type.Enum([...payments])) },
      { additionalProperties: false },
    ),
    contact: Type.Object(
      {
        section: Type.String({ minLength: 1, maxLength: 100 }),
        phone: Type.String({ pattern: '^0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}$' }),
        email: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 254 })),
      },
      { additionalProperties: false },
    ),
    notices: Type.Object(
      { correction: Type.Boolean(), result: Type.Boolean() },
      { additionalProperties: false },
    ),
    statusReport: Type.Optional(StatusReport),
  },
  { additionalProperties: false },
);

export type ServiceDefinition = Static<typeof ServiceDefinitionSchema>;
