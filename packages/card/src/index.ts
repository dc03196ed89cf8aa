export { type ReaderAgent, type ReaderAgentOptions, startReaderAgent } from './agent/reader-agent.ts';
export { type CardFile, readCardFile } from './card-file.ts';
export {
  type CardFacts,
  cardInfo,
  createCardFile,
  loginSignedData,
  type NewCard,
  readFacts,
  resetCounters,
  signLogin,
  unsealWithPin,
} from './card-operations.ts';
export { checkPinFormat, isValidPin, maxTries, type PinKind, pinKinds } from './pin-rules.ts';
export { signDocument } from './sign-document.ts';
