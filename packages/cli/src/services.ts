import { fileURLToPath } from 'node:url';

export interface ServiceDef {
  name: 'portal' | 'hub' | 'agency' | 'jpki';
  schema: string;
  role: string;
  envPrefix: string;
  defaultPort: number;
  main: string;
  migrations: string;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const repoRoot = root;

function def(name: ServiceDef['name'], defaultPort: number): ServiceDef {
  return {
    name,
    schema: name,
    role: `madoguchi_${name}`,
    envPrefix: name.toUpperCase(),
    defaultPort,
    main: `${root}apps/${name}/src/main.ts`,
    migrations: `${root}apps/${name}/src/migrations`,
  };
}

/** The four deployables, in start order (the hub first: everyone else will talk to it). */
export const services: readonly ServiceDef[] = [
  def('hub', 3001),
  def('jpki', 3003),
  def('agency', 3002),
  def('portal', 3000),
];

export interface ExampleDef {
  name: string;
  main: string;
  portEnv: string;
  defaultPort: number;
}

/** Simulators of outside parties started by `madoguchi start`. */
export const examples: readonly ExampleDef[] = [
  {
    name: 'mail',
    main: `${root}examples/mail-catcher/src/main.ts`,
    portEnv: 'MAIL_CATCHER_PORT',
    defaultPort: 3025,
  },
  {
    name: 'e-delivery',
    main: `${root}examples/e-delivery/src/main.ts`,
    portEnv: 'E_DELIVERY_PORT',
    defaultPort: 3040,
  },
];
