//! Markdown pages to HTML: pulldown-cmark, then sanitised by ammonia.

/// Whether a Markdown link may point there: the web, e-mail, or a page of
/// the site (no scheme).
fn allowed_url(url: &str) -> bool {
    let u = url.trim_start();
    let scheme = u.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    scheme.is_none_or(|s| matches!(s.to_ascii_lowercase().as_str(), "http" | "https" | "mailto"))
}

/// Markdown to HTML, then sanitised: a page may hold links, tables and
/// emphasis, never a script, a frame, an event handler or a style. Raw HTML
/// in the Markdown is shown as text; an image becomes a link to it (the site
/// embeds nothing from elsewhere); a link to a refused address keeps its text
/// only.
pub fn markdown(src: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
    // For each open link or image: whether its start was dropped.
    let mut dropped: Vec<bool> = Vec::new();
    let events = Parser::new_ext(src, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .filter_map(|event| match event {
            Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
            // An image becomes a link to it: pages load nothing from
            // elsewhere.
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                },
            ) => {
                let keep = allowed_url(&dest_url);
                dropped.push(!keep);
                keep.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if dropped.pop().unwrap_or(false) {
                    None
                } else {
                    Some(Event::End(TagEnd::Link))
                }
            }
            other => Some(other),
        });
    let mut raw = String::new();
    html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_images_become_links_and_relative_links_stay() {
        let html = markdown(
            "![Sơ đồ](https://example.gov.vn/a.png) [trang](huong-dan.html) [t](data:text/html,x)",
        );
        assert!(
            html.contains(
                "<a href=\"https://example.gov.vn/a.png\" rel=\"noopener noreferrer\">Sơ đồ</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"huong-dan.html\" rel=\"noopener noreferrer\">trang</a>"),
            "{html}"
        );
        assert!(!html.contains("data:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn markdown_is_sanitised() {
        let html = markdown(
            "# Tiêu đề\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert!(html.contains("<h1>Tiêu đề</h1>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        // Raw HTML is text, not markup.
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
        // A refused link keeps its text and loses its address and its tag.
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<a>") && !html.contains("<a rel"), "{html}");
        assert!(html.contains("<p>x "), "{html}");
    }
}
