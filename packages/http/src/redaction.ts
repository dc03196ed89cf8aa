/**
 * Log redaction: personal fields are censored wherever they appear in logged objects. Request and
 * response bodies are not logged at all; these paths catch them if someone logs an object by hand.
 */
const personalKeys = [
  'myNumber',
  'my_number',
  'kojinBango',
  'name',
  'familyName',
  'givenName',
  'family_name',
  'given_name',
  'kana',
  'address',
  'birthDate',
  'birth_date',
  'email',
  'phone',
  'pin',
  'authPin',
  'signPin',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
];

export const redactPaths: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  // Top level and one level down: deeper wildcards multiply pino's per-request cost (a child logger
  // per request is redacted too), and nothing logs personal data nested deeper than that.
  ...personalKeys.flatMap((k) => [k, `*.${k}`]),
];
