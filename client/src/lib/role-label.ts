import i18next from 'i18next';

const systemRoles = ['SUPER_ADMIN', 'ADMIN', 'AGENT', 'CUSTOMER'] as const;
type SystemRole = (typeof systemRoles)[number];
const isSystemRole = (name: string): name is SystemRole => systemRoles.some((r) => r === name);

/**
 * A role's name for people: the built-in roles translated (SUPER_ADMIN → "Super admin"), others
 * as their admins named them. Call it while rendering a component that uses `useTranslation`, so
 * it follows a change of language.
 */
export function roleLabel(name: string): string {
  return isSystemRole(name) ? i18next.t(`common:roles.${name}`) : name;
}
