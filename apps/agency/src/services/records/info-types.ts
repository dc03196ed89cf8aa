/**
 * Information types an intermediate server may hold: the network's one vocabulary (packages/reference).
 * A record of any other type could never be provided, so the staff API refuses it.
 */
export { INFO_TYPES, type InfoTypeCode, isInfoType } from '@madoguchi/reference';
