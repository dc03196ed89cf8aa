export { buildEDeliveryApp, type EDeliveryDeps, type WebhookSwitch } from './app.ts';
export { certificatesOf, issueCertificate } from './certificates.ts';
export { type EDeliveryConfig, eDeliveryConfigSpec, loadEDeliveryConfig } from './config.ts';
export { demoUsers, seedDemoData } from './demo-data.ts';
export { companies, companyById, type IssuerKeys, loadIssuerKeys } from './issuers.ts';
export { openStore, type Store } from './store.ts';
