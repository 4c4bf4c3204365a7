//! Page furniture for the HTML reader: the elements that are not the article (navigation, share
//! boxes, sidebars, ads, comments …), by tag, role, hidden state and class/id names.
//!
//! For: [`crate::html`]'s choice and reading of the body. Not for: choosing the content root or
//! scoring text (that stays in `html.rs`).
//!
//! A class or id names furniture strongly (comments, share, related, newsletter …: never the
//! article) or weakly (sidebar, nav, header, widget, ad: page builders put these words on the
//! wrappers that hold the article too, `header-style-header-2`, `l-sidebar-fixed`,
//! `elementor-widget-wrap`). A weakly named element is furniture unless it holds prose: enough
//! text, few of it links, counted without the strong furniture inside it.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::node::Element;
use scraper::{ElementRef, Node};

pub(crate) const DROP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "iframe",
    "button",
    "svg",
    "template",
    "select",
    "textarea",
    "input",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "head",
    "title",
    "menu",
    "dialog",
    "figcaption",
    "figure",
    "picture",
    "h1",
];
/// Furniture whose content is not text for the reader at all: not entered.
const RAW: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "title",
];
/// Class/id words that never name the article's container.
const STRONG: &[&str] = &[
    "share",
    "social",
    "related",
    "comment",
    "footer",
    "breadcrumb",
    "newsletter",
    "promo",
    "cookie",
    "subscribe",
    "popup",
    "modal",
    "caption",
    "credit",
    "byline",
    "outbrain",
    "taboola",
    "recommend",
    "trending",
    "popular",
    "tags",
    "rating",
    "timestamp",
    "consent",
    // Text for screen readers only ("Article content" before every block).
    "visually-hidden",
    "visuallyhidden",
    "sr-only",
    "screen-reader",
];
/// Class/id words of furniture that layouts also put on the article's wrappers.
const WEAK: &[&str] = &[
    "nav", "menu", "header", "sidebar", "widget", "banner", "advert", "teaser", "author",
];
/// Tags of furniture that some pages wrap the whole article in (ASP.NET's page-wide `<form>`):
/// furniture unless they hold prose and most of the page's text.
pub(crate) const WEAK_TAGS: &[&str] = &["form"];
/// What a weakly named element must hold to be taken for a wrapper of the article: this many
/// letters outside links, and links under this share of its text.
const PROSE_CHARS: usize = 800;
const PROSE_LINK_SHARE: f64 = 0.3;

/// How strongly a class or id names furniture (ordered: weak < strong).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Named {
    Weak,
    Strong,
}

/// The furniture rule of one page: by tag only, or by tag and class with the page's weakly named
/// wrappers that hold prose spared.
pub(crate) struct Furniture {
    /// By class: the page's furniture, decided once for every element (see [`marked`]); None:
    /// by tag only.
    marked: Option<HashSet<NodeId>>,
}

impl Furniture {
    /// Furniture by tag, role and hidden state only (class names are not trusted).
    pub fn tags_only() -> Furniture {
        Furniture { marked: None }
    }

    /// Furniture by tag and class under `root`, with its prose-holding wrappers spared.
    pub fn by_class(root: ElementRef<'_>) -> Furniture {
        Furniture {
            marked: Some(marked(root)),
        }
    }

    /// Whether `e` is furniture. Structural wrappers (body, article, main) are never furniture by
    /// class: a `class="has-sidebar"` on them says nothing about their content.
    pub fn is(&self, e: ElementRef<'_>) -> bool {
        match &self.marked {
            Some(marked) => marked.contains(&e.id()),
            None => by_tag(e.value()) || WEAK_TAGS.contains(&e.value().name()),
        }
    }

    /// Whether `e` or one of its ancestors is furniture (a `<p>` inside a share box is not a
    /// content root).
    pub fn inside(&self, e: ElementRef<'_>) -> bool {
        std::iter::once(e)
            .chain(e.ancestors().filter_map(ElementRef::wrap))
            .any(|a| self.is(a))
    }
}

/// Furniture by tag, role or hidden state, whatever its class says.
fn by_tag(e: &Element) -> bool {
    let name = e.name();
    if DROP_TAGS.contains(&name) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = e.attr("role") {
        if [
            "navigation",
            "banner",
            "contentinfo",
            "complementary",
            "menu",
            "menubar",
            "search",
            "dialog",
        ]
        .contains(&role.trim().to_ascii_lowercase().as_str())
        {
            return true;
        }
    }
    false
}

/// How the element's class or id names furniture, if it does; the strongest name wins.
fn named<'a>(e: &'a Element, memo: &mut HashMap<&'a str, Option<Named>>) -> Option<Named> {
    if matches!(e.name(), "html" | "body" | "article" | "main")
        || e.attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        return None;
    }
    // Pages repeat the same class attribute on many elements: each is judged once.
    let class = e.attr("class").unwrap_or("");
    let by_class = *memo
        .entry(class)
        .or_insert_with(|| strongest(class.split_whitespace()));
    let by_id = e.attr("id").and_then(noise_token);
    by_class.max(by_id)
}

/// The strongest way the tokens name furniture.
fn strongest<'a>(tokens: impl Iterator<Item = &'a str>) -> Option<Named> {
    let mut found = None;
    for t in tokens {
        match noise_token(t) {
            Some(Named::Strong) => return Some(Named::Strong),
            Some(Named::Weak) => found = Some(Named::Weak),
            None => {}
        }
    }
    found
}

/// How a class or id token names furniture (`share-box`, `sidebar__item`, `ad-slot`, `navbar`),
/// unless it names a wrapper that merely holds furniture beside the text:
/// `content-with-sidebar-wrp`, `sidebar-layout__content`, `hasbanners`, `has-sidebar`.
fn noise_token(token: &str) -> Option<Named> {
    let t = token.to_ascii_lowercase();
    // Elementor calls every block a widget (`elementor-widget-wrap`, `elementor-widget-text-editor`):
    // only what the widget is (`-nav-menu`, `-share-buttons`) can name furniture.
    let t = match t.strip_prefix("elementor-widget") {
        Some(rest) => rest.to_string(),
        None => t,
    };
    if t.is_empty()
        || t.starts_with("has")
        || t.starts_with("with")
        || ["content", "layout", "-with-", "_with_"]
            .iter()
            .any(|w| t.contains(w))
    {
        return None;
    }
    if STRONG.iter().any(|n| t.contains(n)) {
        return Some(Named::Strong);
    }
    let ad = t == "ad"
        || t == "ads"
        || t.starts_with("ad-")
        || t.starts_with("ad_")
        || t.starts_with("ads-")
        || t.starts_with("ads_")
        || t.contains("-ad-")
        || t.ends_with("-ad")
        || t.ends_with("-ads");
    (ad || WEAK.iter().any(|n| t.contains(n))).then_some(Named::Weak)
}

/// The furniture under `root`: by tag, by strong name, by weak name unless the element holds
/// prose, and forms unless they hold prose and most of the page's text. One pass: each element's
/// letters and link letters are summed bottom-up; furniture by tag or strong name adds nothing
/// to its parent. Raw-text elements (script, style …) are furniture and not entered.
fn marked(root: ElementRef<'_>) -> HashSet<NodeId> {
    struct Frame {
        verdict: Option<Named>,
        form: bool,
        link: bool,
        text: usize,
        links: usize,
    }
    let mut out = HashSet::new();
    let (mut forms, mut total) = (Vec::new(), 0);
    let mut frames: Vec<Frame> = Vec::new();
    let mut memo = HashMap::new();
    let mut stack = vec![(*root, false)];
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                if let Some(f) = frames.last_mut() {
                    f.text += t.chars().filter(|c| !c.is_whitespace()).count();
                }
            }
            Node::Element(_) if closing => {
                let Some(mut f) = frames.pop() else { continue };
                if f.link {
                    f.links = f.text;
                }
                let prose = f.text.saturating_sub(f.links) >= PROSE_CHARS
                    && (f.links as f64) < PROSE_LINK_SHARE * f.text as f64;
                match f.verdict {
                    Some(Named::Strong) => {
                        out.insert(node.id());
                        continue;
                    }
                    Some(Named::Weak) if !prose => {
                        out.insert(node.id());
                    }
                    _ if f.form && !prose => {
                        out.insert(node.id());
                    }
                    _ if f.form => forms.push((node.id(), f.text)),
                    _ => {}
                }
                match frames.last_mut() {
                    Some(parent) => {
                        parent.text += f.text;
                        parent.links += f.links;
                    }
                    None => total = f.text,
                }
            }
            Node::Element(e) => {
                let tag = by_tag(e);
                if tag && RAW.contains(&e.name()) {
                    out.insert(node.id());
                    continue;
                }
                // Furniture by tag counts as strong: nothing spares it.
                let verdict = if tag {
                    Some(Named::Strong)
                } else {
                    named(e, &mut memo)
                };
                frames.push(Frame {
                    verdict,
                    form: WEAK_TAGS.contains(&e.name()),
                    link: e.name() == "a",
                    text: 0,
                    links: 0,
                });
                stack.push((node, true));
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    // A form is the page's wrapper only when it holds most of the page's text; a sign-up form
    // full of help texts is not.
    out.extend(forms.into_iter().filter(|f| f.1 * 2 < total).map(|f| f.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    #[test]
    fn weakly_named_wrappers_of_prose_are_not_furniture() {
        let prose = "<p>قتل ثلاثة أشخاص في اشتباكات بين مجموعتين مسلحتين في العاصمة الليبية طرابلس مساء الأحد، وقالت وزارة الصحة إن الحصيلة مرشحة للارتفاع.</p>".repeat(10);
        let html = format!(
            r#"<html><body>
            <div class="header-style-2" id="w">{prose}</div>
            <div class="sidebar" id="s"><a href="/a">رابط</a> <a href="/b">رابط آخر</a></div>
            <div class="comments" id="c">{prose}</div>
            <figure id="p"><img src="a.jpg"></figure><div class="wp-caption-text" id="k">صورة</div>
            </body></html>"#
        );
        let doc = Html::parse_document(&html);
        let body = doc
            .select(&Selector::parse("body").unwrap())
            .next()
            .unwrap();
        let f = Furniture::by_class(body);
        let by_id = |id: &str| {
            doc.select(&Selector::parse(&format!("#{id}")).unwrap())
                .next()
                .unwrap()
        };
        assert!(!f.is(by_id("w")), "a weakly named wrapper of prose");
        assert!(f.is(by_id("s")), "a sidebar of links");
        assert!(f.is(by_id("c")), "comments are furniture however long");
        assert!(f.is(by_id("p")) && f.is(by_id("k")), "figures and captions");
        assert!(!Furniture::tags_only().is(by_id("s")));
    }
}

#[cfg(test)]
mod token_tests {
    use super::*;

    #[test]
    fn elementor_widgets_are_named_by_what_they_are() {
        assert!(noise_token("elementor-widget-wrap").is_none());
        assert!(noise_token("elementor-widget-text-editor").is_none());
        assert!(noise_token("elementor-widget-nav-menu") == Some(Named::Weak));
        assert!(noise_token("elementor-widget-share-buttons") == Some(Named::Strong));
        assert!(noise_token("widget") == Some(Named::Weak));
        assert!(noise_token("visually-hidden") == Some(Named::Strong));
    }
}
