/**
 * Screenshots of the pages the language work changed (sign-in, profile with its language, roles,
 * dashboard, settings) at desktop width and 375 px, light and dark, in the project's language
 * (`en-…` and `de-…` files in e2e/output/). Each also checks that the page shows its heading.
 */
import { expect, test } from './fixtures.js';
import { screenshot } from './support/page.js';

const pages = [
  { path: '/sign-in', name: 'sign-in', signedIn: false },
  { path: '/profile', name: 'profile', signedIn: true },
  { path: '/admin/roles', name: 'roles', signedIn: true },
  { path: '/dashboard', name: 'dashboard', signedIn: true },
  { path: '/admin/settings', name: 'settings', signedIn: true },
] as const;

for (const width of [1280, 375]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${width} px, ${colorScheme}`, () => {
      test.use({ viewport: { width, height: width === 375 ? 812 : 860 }, colorScheme });

      test('sign-in, profile, roles, dashboard and settings', async ({ openPage }, testInfo) => {
        const language = testInfo.project.name;
        for (const { path, name, signedIn } of pages) {
          const page = await openPage(signedIn ? 'admin' : undefined);
          await page.goto(path);
          // A page's first load (the dashboard brings its charts) on a machine the whole suite shares.
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
          await page.waitForLoadState('networkidle');
          await screenshot(page, `i18n-${language}-${name}-${width}-${colorScheme}`);
          await page.close();
        }
      });
    });
  }
}
