import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories, type TestUser } from '../../../test/factories.js';
import { multipart, tinyPng } from '../../../test/multipart.js';

type Json = Record<string, unknown>;

describe('knowledge base', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  const call = (user: TestUser | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Json) =>
    t.app.inject({ method, url, headers: user?.headers ?? {}, ...(payload ? { payload } : {}) });

  async function article(
    writer: TestUser,
    input: Json & { title: string },
    publishAs?: TestUser,
  ): Promise<{ id: string; slug: string; version: number }> {
    const res = await call(writer, 'POST', '/api/help/articles', input);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json().data;
    if (!publishAs) return created;
    const pub = await call(publishAs, 'POST', `/api/help/articles/${created.id}/status`, {
      version: created.version,
      status: 'published',
    });
    expect(pub.statusCode, pub.body).toBe(200);
    return pub.json().data;
  }

  async function setPublic(admin: TestUser, on: boolean) {
    const res = await call(admin, 'PATCH', '/api/settings', { publicHelpCentre: on });
    expect(res.statusCode).toBe(200);
  }

  it('visibility: customers never see drafts or staff-only articles; anonymous only public ones when enabled', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const agent = await f().user({ role: 'AGENT' });
    const customer = await f().user();
    const word = `zebra${Date.now()}`;
    const pub = await article(agent, { title: `Public ${word}`, body: `about ${word}`, visibility: 'public' }, admin);
    const cust = await article(agent, { title: `Customers ${word}`, body: word, visibility: 'customers' }, admin);
    const staff = await article(agent, { title: `Staff ${word}`, body: word, visibility: 'staff' }, admin);
    const draft = await article(agent, { title: `Draft ${word}`, body: word, visibility: 'public' });
    const archived = await article(agent, { title: `Archived ${word}`, body: word, visibility: 'public' }, admin);
    const arch = await call(admin, 'POST', `/api/help/articles/${archived.id}/status`, {
      version: archived.version,
      status: 'archived',
    });
    expect(arch.json().data.status).toBe('archived');

    const ids = async (user: TestUser | null, url: string) => {
      const res = await call(user, 'GET', url);
      return res.statusCode === 200 ? (res.json().data as { id: string }[]).map((a) => a.id).sort() : res.statusCode;
    };
    const sorted = (...xs: { id: string }[]) => xs.map((x) => x.id).sort();
    for (const url of [`/api/help/articles?q=${word}`, `/api/help/suggestions?subject=${word}`]) {
      expect(await ids(customer, url)).toEqual(sorted(pub, cust));
      expect(await ids(null, url)).toBe(401);
    }
    expect(await ids(agent, `/api/help/articles?q=${word}`)).toEqual(sorted(pub, cust, staff, draft, archived));
    // Suggestions are published articles only, for staff too.
    expect(await ids(agent, `/api/help/suggestions?subject=${word}`)).toEqual(sorted(pub, cust, staff));
    // A customer cannot ask for drafts.
    expect(await ids(customer, `/api/help/articles?q=${word}&status=draft`)).toEqual(sorted(pub, cust));

    for (const hidden of [staff, draft, archived]) {
      expect((await call(customer, 'GET', `/api/help/articles/${hidden.id}`)).statusCode).toBe(404);
      expect((await call(customer, 'POST', `/api/help/articles/${hidden.id}/vote`, { helpful: true })).statusCode).toBe(
        404,
      );
    }
    expect((await call(customer, 'GET', `/api/help/articles/${cust.id}`)).statusCode).toBe(200);
    expect((await call(null, 'GET', `/api/help/articles/${pub.id}`)).statusCode).toBe(401);

    await setPublic(admin, true);
    try {
      expect(await ids(null, `/api/help/articles?q=${word}`)).toEqual(sorted(pub));
      expect(await ids(null, `/api/help/suggestions?subject=${word}`)).toEqual(sorted(pub));
      expect((await call(null, 'GET', `/api/help/articles/${pub.id}`)).statusCode).toBe(200);
      expect((await call(null, 'GET', `/api/help/articles/${cust.id}`)).statusCode).toBe(404);
      const settings = await call(null, 'GET', '/api/settings/public');
      expect(settings.json().data.publicHelpCentre).toBe(true);
    } finally {
      await setPublic(admin, false);
    }
  });

  it('permissions: customers cannot write, agents write but cannot publish, admins publish', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const agent = await f().user({ role: 'AGENT' });
    const customer = await f().user();
    expect((await call(customer, 'POST', '/api/help/articles', { title: 'x' })).statusCode).toBe(403);
    expect((await call(null, 'POST', '/api/help/articles', { title: 'x' })).statusCode).toBe(401);
    const draft = await article(agent, { title: 'Agent draft' });
    const publish = { version: draft.version, status: 'published' };
    expect((await call(agent, 'POST', `/api/help/articles/${draft.id}/status`, publish)).statusCode).toBe(403);
    expect((await call(agent, 'DELETE', `/api/help/articles/${draft.id}`)).statusCode).toBe(403);
    expect((await call(agent, 'POST', '/api/help/categories', { name: 'No' })).statusCode).toBe(403);
    const res = await call(admin, 'POST', `/api/help/articles/${draft.id}/status`, publish);
    expect(res.json().data).toMatchObject({ status: 'published', canPublish: true });
    expect(res.json().data.publishedAt).not.toBeNull();
    // Bad input: 400 with the field, nothing changed.
    const bad = await call(agent, 'PATCH', `/api/help/articles/${draft.id}`, { version: 2, visibility: 'everyone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toContain('visibility');
    // A stale version: 409.
    const stale = await call(agent, 'PATCH', `/api/help/articles/${draft.id}`, { version: 1, title: 'Late' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await call(admin, 'DELETE', `/api/help/articles/${draft.id}`)).statusCode).toBe(200);
    expect((await call(admin, 'GET', `/api/help/articles/${draft.id}`)).statusCode).toBe(404);
  });

  it('slugs: readable, unique, id-slug and old slugs all find the article with its canonical slug', async () => {
    const agent = await f().user({ role: 'AGENT' });
    const a = await article(agent, { title: 'Réinitialiser: my Password?' });
    expect(a.slug).toBe('reinitialiser-my-password');
    const b = await article(agent, { title: 'Réinitialiser: my password!' });
    expect(b.slug).toBe('reinitialiser-my-password-2');
    const renamed = await call(agent, 'PATCH', `/api/help/articles/${a.id}`, {
      version: a.version,
      slug: 'reset-password',
    });
    expect(renamed.json().data.slug).toBe('reset-password');
    for (const ref of [a.id, `${a.id}-reinitialiser-my-password`, 'reinitialiser-my-password', 'reset-password']) {
      const res = await call(agent, 'GET', `/api/help/articles/${ref}`);
      expect(res.statusCode, ref).toBe(200);
      expect(res.json().data).toMatchObject({ id: a.id, slug: 'reset-password' });
    }
    // The old slug stays with its article: another may not take it.
    const taken = await call(agent, 'PATCH', `/api/help/articles/${b.id}`, {
      version: b.version,
      slug: 'reinitialiser-my-password',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('KB_SLUG_TAKEN');
    const bad = await call(agent, 'PATCH', `/api/help/articles/${b.id}`, { version: b.version, slug: 'Not A Slug' });
    expect(bad.statusCode).toBe(400);
    expect((await call(agent, 'GET', '/api/help/articles/no-such-slug')).statusCode).toBe(404);
  });

  it('versions: every save is kept, can be viewed and restored as a new version', async () => {
    const agent = await f().user({ role: 'AGENT' });
    const other = await f().user({ role: 'AGENT' });
    const customer = await f().user();
    const a = await article(agent, { title: 'First title', body: 'First body' });
    const v2 = await call(other, 'PATCH', `/api/help/articles/${a.id}`, {
      version: 1,
      title: 'Second',
      body: '**Second**',
    });
    expect(v2.json().data).toMatchObject({ version: 2, title: 'Second', updatedBy: { id: other.id } });
    expect(v2.json().data.author.id).toBe(agent.id);
    const list = await call(agent, 'GET', `/api/help/articles/${a.id}/versions`);
    expect(list.json().data.map((v: Json) => [v.version, v.title])).toEqual([
      [2, 'Second'],
      [1, 'First title'],
    ]);
    const one = await call(agent, 'GET', `/api/help/articles/${a.id}/versions/2`);
    expect(one.json().data.html).toContain('<strong>Second</strong>');
    expect((await call(customer, 'GET', `/api/help/articles/${a.id}/versions`)).statusCode).toBe(403);
    expect((await call(agent, 'GET', `/api/help/articles/${a.id}/versions/9`)).statusCode).toBe(404);
    const restored = await call(agent, 'POST', `/api/help/articles/${a.id}/versions/1/restore`, { version: 2 });
    expect(restored.json().data).toMatchObject({ version: 3, title: 'First title', body: 'First body' });
    const stale = await call(agent, 'POST', `/api/help/articles/${a.id}/versions/1/restore`, { version: 2 });
    expect(stale.statusCode).toBe(409);
  });

  it('votes: one per user, changeable; anonymous browsers by cookie; counts for staff only', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const customer = await f().user();
    const a = await article(admin, { title: 'Vote on me', visibility: 'public' }, admin);
    const up = await call(customer, 'POST', `/api/help/articles/${a.id}/vote`, { helpful: true });
    expect(up.json().data).toMatchObject({ myVote: true, stats: null });
    await call(customer, 'POST', `/api/help/articles/${a.id}/vote`, { helpful: false });
    await setPublic(admin, true);
    try {
      const anon = await t.app.inject({
        method: 'POST',
        url: `/api/help/articles/${a.id}/vote`,
        payload: { helpful: true },
      });
      const cookie = String(anon.headers['set-cookie']).split(';')[0] ?? '';
      expect(cookie).toMatch(/^helpdesk_kb_browser=/);
      // The same browser votes again: still one vote.
      await t.app.inject({
        method: 'POST',
        url: `/api/help/articles/${a.id}/vote`,
        headers: { cookie },
        payload: { helpful: true },
      });
    } finally {
      await setPublic(admin, false);
    }
    const staffView = await call(admin, 'GET', `/api/help/articles/${a.id}`);
    expect(staffView.json().data.stats).toMatchObject({ helpful: 1, notHelpful: 1 });
    expect((await call(customer, 'GET', `/api/help/articles/${a.id}`)).json().data.myVote).toBe(false);
  });

  it('search: ranked with highlighted snippets, filters by category and tag', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const customer = await f().user();
    const word = `quokka${Date.now()}`;
    const cat = (await call(admin, 'POST', '/api/help/categories', { name: `Cat ${word}` })).json().data;
    const inTitle = await article(
      admin,
      { title: `The ${word} guide`, body: 'text', categoryId: cat.id, tags: ['pets'] },
      admin,
    );
    const inBody = await article(admin, { title: 'Other', body: `Somewhere a ${word} lives.` }, admin);
    const res = await call(customer, 'GET', `/api/help/articles?q=${word}`);
    const data = res.json().data as { id: string; snippet: string }[];
    expect(data.map((a) => a.id)).toEqual([inTitle.id, inBody.id]);
    expect(data[1]?.snippet).toContain(`[[${word}]]`);
    const byCat = await call(customer, 'GET', `/api/help/articles?q=${word}&categoryId=${cat.id}`);
    expect(byCat.json().data.map((a: Json) => a.id)).toEqual([inTitle.id]);
    const byTag = await call(customer, 'GET', `/api/help/articles?tag=pets&categoryId=${cat.id}`);
    expect(byTag.json().data.map((a: Json) => a.id)).toEqual([inTitle.id]);
    // tsquery syntax in the search is only text.
    expect(
      (await call(customer, 'GET', `/api/help/articles?q=${encodeURIComponent("a & !b | 'c:*")}`)).statusCode,
    ).toBe(200);
    expect((await call(customer, 'GET', '/api/help/articles?q=%26%26')).json().data).toEqual([]);
    const cats = await call(customer, 'GET', '/api/help/categories');
    expect(cats.json().data.find((c: Json) => c.id === cat.id)?.articleCount).toBe(1);
  });

  it('categories: one level of nesting, ordered, only empty ones deleted', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const top = (await call(admin, 'POST', '/api/help/categories', { name: 'Top', sortOrder: 5 })).json().data;
    const child = await call(admin, 'POST', '/api/help/categories', { name: 'Child', parentId: top.id });
    expect(child.statusCode).toBe(201);
    const grandchild = await call(admin, 'POST', '/api/help/categories', { name: 'G', parentId: child.json().data.id });
    expect(grandchild.statusCode).toBe(422);
    const moveTop = await call(admin, 'PATCH', `/api/help/categories/${top.id}`, { parentId: child.json().data.id });
    expect(moveTop.statusCode).toBe(422);
    expect((await call(admin, 'DELETE', `/api/help/categories/${top.id}`)).json().error.code).toBe(
      'KB_CATEGORY_NOT_EMPTY',
    );
    expect((await call(admin, 'POST', '/api/help/categories', { name: '' })).statusCode).toBe(400);
    expect((await call(admin, 'DELETE', `/api/help/categories/${child.json().data.id}`)).statusCode).toBe(200);
    expect((await call(admin, 'DELETE', `/api/help/categories/${top.id}`)).statusCode).toBe(200);
  });

  it('deflection: an opened suggestion counts as deflected when no ticket follows within 30 minutes', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const dept = await f().department();
    const deflected = await f().user();
    const filer = await f().user();
    const a = await article(admin, { title: 'Printer jams', body: 'Open the tray.' }, admin);
    for (const u of [deflected, filer]) {
      expect((await call(u, 'POST', `/api/help/articles/${a.id}/suggestion-opened`)).statusCode).toBe(200);
    }
    const filed = await call(filer, 'POST', '/api/tickets', {
      subject: 'Printer jams',
      description: 'Still jams',
      departmentId: dept.id,
    });
    expect(filed.statusCode).toBe(201);
    // A filing that is refused files nothing, so it marks nothing (the mark is written with the ticket).
    const refused = await call(deflected, 'POST', '/api/tickets', {
      subject: 'Printer jams',
      description: 'Still jams',
      departmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(refused.statusCode).toBe(422);
    // Nothing is settled before the window has passed.
    let stats = (await call(admin, 'GET', `/api/help/articles/${a.id}`)).json().data.stats;
    expect(stats).toMatchObject({ suggestionOpened: 2, ticketNotFiled: 0 });
    await t.database.db.execute(sql`UPDATE kb_suggestion_opens SET opened_at = opened_at - interval '31 minutes'`);
    stats = (await call(admin, 'GET', `/api/help/articles/${a.id}`)).json().data.stats;
    expect(stats).toMatchObject({ suggestionOpened: 2, ticketNotFiled: 1 });
    expect((await call(filer, 'GET', `/api/help/articles/${a.id}`)).json().data.stats).toBeNull();
  });

  it('sanitiser: an XSS payload list renders without scripts, handlers, foreign images or script links', async () => {
    const agent = await f().user({ role: 'AGENT' });
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<svg onload=alert(1)>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '[click](javascript:alert(1))',
      '[click](JaVaScRiPt:alert(1))',
      '[click](java\tscript:alert(1))',
      '[click](vbscript:msgbox(1))',
      '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '![x](javascript:alert(1))',
      '![x](https://evil.example/track.png)',
      '![x](//evil.example/x.png)',
      '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
      '![x](/api/attachments/../help/images/x" onerror="alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '<div style="background:url(javascript:alert(1))">x</div>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '"><script>alert(1)</script>',
      '<details open ontoggle=alert(1)>',
      '[a](https://ok.example "title\\" onmouseover=\\"alert(1)")',
      '<<script>script>alert(1)<</script>/script>',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      '<form action="javascript:alert(1)"><button>x</button></form>',
      '<object data="data:text/html,<script>alert(1)</script>"></object>',
      '<base href="https://evil.example/">',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    ];
    const a = await article(agent, { title: 'XSS', body: payloads.join('\n\n') });
    const html = (await call(agent, 'GET', `/api/help/articles/${a.id}`)).json().data.html as string;
    // Every payload's tags come out as text: no element but the allowlisted ones.
    const tagNames = [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]?.toLowerCase());
    expect(new Set(tagNames)).toEqual(new Set(['p', 'a']));
    // Attribute names of every element (quoted values removed): only the allowlisted ones.
    const attributes = [...html.matchAll(/<[a-z0-9]+([^>]*)>/gi)].flatMap((m) =>
      [...(m[1] ?? '').replace(/"[^"]*"/g, '""').matchAll(/([\w-]+)=/g)].map((a) => a[1]),
    );
    expect(new Set(attributes)).toEqual(new Set(['href', 'title', 'rel']));
    const hrefs = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://ok.example', 'https://evil.example/']);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<script/i);
    // Allowed Markdown stays.
    const good = await article(agent, {
      title: 'Good',
      body: '## Steps\n\n1. one\n2. two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\nls\n```\n\n[docs](https://example.com) [other](/help/x)',
    });
    const goodHtml = (await call(agent, 'GET', `/api/help/articles/${good.id}`)).json().data.html as string;
    for (const tag of [
      '<h2>',
      '<ol>',
      '<table>',
      '<code class="language-sh">',
      'href="https://example.com"',
      'href="/help/x"',
    ])
      expect(goodHtml).toContain(tag);
    expect(goodHtml).toContain('rel="noopener noreferrer nofollow"');
    // The editor's preview goes through the same sanitiser.
    const preview = await call(agent, 'POST', '/api/help/preview', { body: payloads.join('\n\n') });
    expect(preview.json().data.html).toBe(html);
    expect((await call(await f().user(), 'POST', '/api/help/preview', { body: 'x' })).statusCode).toBe(403);
  });

  it('images: uploaded through the attachment pipeline, shown only with a readable article', async () => {
    const admin = await f().user({ role: 'ADMIN' });
    const customer = await f().user();
    const a = await article(admin, { title: 'With image', visibility: 'customers' });
    const form = multipart([{ name: 'file', filename: 'shot.png', content: tinyPng, type: 'image/png' }]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/help/articles/${a.id}/images`,
      headers: { ...admin.headers, ...form.headers },
      payload: form.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    const image = up.json().data[0];
    expect(image.markdown).toBe(`![shot.png](${image.url})`);
    const text = multipart([{ name: 'file', filename: 'notes.txt', content: 'hello', type: 'text/plain' }]);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/help/articles/${a.id}/images`,
      headers: { ...admin.headers, ...text.headers },
      payload: text.payload,
    });
    expect(refused.statusCode).toBe(415);
    const upd = await call(admin, 'PATCH', `/api/help/articles/${a.id}`, { version: a.version, body: image.markdown });
    expect(upd.json().data.html).toContain(`<img src="${image.url}"`);
    // Draft: the customer sees neither the article nor its image.
    expect((await call(customer, 'GET', image.url)).statusCode).toBe(404);
    const pub = await call(admin, 'POST', `/api/help/articles/${a.id}/status`, { version: 2, status: 'published' });
    expect(pub.statusCode).toBe(200);
    const img = await call(customer, 'GET', image.url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(tinyPng)).toBe(true);
    expect((await call(null, 'GET', image.url)).statusCode).toBe(401);
  });

  it('turns a ticket into a draft article, without its internal notes', async () => {
    const dept = await f().department();
    const agent = await f().user({ role: 'AGENT', departments: [dept] });
    const outsider = await f().user({ role: 'AGENT' });
    const customer = await f().user();
    const ticket = await f().ticket({ customer, department: dept, subject: 'VPN drops', description: 'It drops.' });
    await f().message({ ticket, author: agent, body: 'Update the client to 5.2.' });
    await f().message({ ticket, author: agent, body: 'SECRET internal', isInternal: true });
    const res = await call(agent, 'POST', `/api/help/articles/from-ticket/${ticket.id}`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data).toMatchObject({ title: 'VPN drops', status: 'draft' });
    expect(res.json().data.body).toContain('Update the client to 5.2.');
    expect(res.json().data.body).not.toContain('SECRET');
    expect((await call(outsider, 'POST', `/api/help/articles/from-ticket/${ticket.id}`)).statusCode).toBe(404);
    expect((await call(customer, 'POST', `/api/help/articles/from-ticket/${ticket.id}`)).statusCode).toBe(403);
  });
});
