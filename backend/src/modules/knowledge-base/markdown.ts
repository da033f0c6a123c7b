import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Article Markdown → HTML that is safe to insert. Two layers: markdown-it with raw HTML off (a
 * `<script>` in the source stays text) and its own link check (no `javascript:`), then
 * sanitize-html with an allowlist of tags, attributes and URL schemes. Images are kept only when
 * they point at an article image of ours (`/api/help/images/<id>`).
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** The only image addresses an article may show. */
export const articleImageUrl = /^\/api\/help\/images\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code'],
    ...['ul', 'ol', 'li', 'strong', 'em', 's', 'del', 'a', 'img'],
    ...['table', 'thead', 'tbody', 'tr', 'th', 'td'],
  ],
  // rel is set by transformTags (which runs before this filter).
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'] },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  // Relative links (other articles, /help/…) and these schemes; everything else loses its href.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  exclusiveFilter: (frame) => frame.tag === 'img' && !articleImageUrl.test(frame.attribs.src ?? ''),
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer nofollow' },
    }),
  },
};

/** Renders article Markdown to sanitised HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), sanitizeOptions);
}
