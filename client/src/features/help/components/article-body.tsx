import { Typography } from '@mantine/core';

/**
 * An article's body as the server rendered it: Markdown through markdown-it without raw HTML,
 * then sanitize-html with an allowlist (backend/src/modules/knowledge-base/markdown.ts). This is
 * the one place the client inserts HTML, and only HTML from that renderer.
 */
export function ArticleBody({ html }: { html: string }) {
  return (
    <Typography>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server's allowlist (see above) */}
      <div className="kb-article" data-testid="article-body" dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
