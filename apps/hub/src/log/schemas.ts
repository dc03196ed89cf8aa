/** TypeBox schemas of the exchange-log endpoints (they drive validation, serialization and OpenAPI). */
import { Type } from '@madoguchi/http';

export const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});
/** A person's portal link code (22 base64url characters). */
export const PersonCode = Type.String({
  pattern: '^[A-Za-z0-9_-]{22}$',
  description: "The person's portal link code",
});
const Day = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'A JST calendar day, inclusive',
});
const code = (description: string) => Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', description });
const B64Hash = Type.String({ description: 'base64 SHA-256 hash' });

export const EntryFilters = {
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  agency: Type.Optional(code('Querier or provider agency code')),
  task: Type.Optional(code('The 事務 (task) code')),
  before: Type.Optional(Type.Integer({ minimum: 0, description: 'Cursor: only entries with a lower index' })),
};

export const PersonEntriesBody = Type.Object(
  { person: PersonCode, ...EntryFilters, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);

export const PersonBundleBody = Type.Object(
  { person: PersonCode, ...EntryFilters, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  { additionalProperties: false },
);

export const PersonProofBody = Type.Object(
  { person: PersonCode, entryId: Uuid },
  { additionalProperties: false },
);

export const SupervisorQuery = Type.Object({
  ...EntryFilters,
  person: Type.Optional(PersonCode),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

const EntryView = Type.Object({
  index: Type.Union([Type.Integer(), Type.Null()], { description: 'Leaf index; null while pending' }),
  entryId: Uuid,
  at: Type.String(),
  querier: Type.String(),
  querierName: Type.Union([Type.String(), Type.Null()]),
  provider: Type.String(),
  providerName: Type.Union([Type.String(), Type.Null()]),
  task: Type.String(),
  infoTypes: Type.Array(Type.String()),
  outcome: Type.Union([Type.Literal('permitted'), Type.Literal('refused')]),
  reason: Type.Union([Type.String(), Type.Null()]),
  entry: Type.String({ description: 'Canonical entry text (the leaf data)' }),
  person: Type.Optional(PersonCode),
});

export const EntryList = Type.Object({
  entries: Type.Array(EntryView),
  next: Type.Optional(Type.Integer({ description: 'Pass as `before` for the next page' })),
});

export const PersonProof = Type.Object({
  index: Type.Integer(),
  entry: Type.String(),
  inclusionProof: Type.Array(B64Hash),
  checkpoint: Type.String({ description: 'C2SP signed checkpoint the proof is against' }),
});

export const Bundle = Type.Object({
  format: Type.Literal('madoguchi-log-bundle/v1'),
  verifierKey: Type.String(),
  checkpoint: Type.String(),
  entries: Type.Array(
    Type.Object({ index: Type.Integer(), entry: Type.String(), inclusionProof: Type.Array(B64Hash) }),
  ),
});

export const InclusionQuery = Type.Object({
  index: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  size: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});

export const InclusionAnswer = Type.Object({
  index: Type.Integer(),
  size: Type.Integer(),
  proof: Type.Array(B64Hash, { description: 'RFC 9162 inclusion path, leaf side first' }),
});

export const ConsistencyQuery = Type.Object({
  from: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  to: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
});

export const ConsistencyAnswer = Type.Object({
  proof: Type.Array(B64Hash, { description: 'RFC 9162 consistency proof' }),
});
