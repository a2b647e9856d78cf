//! Event descriptions are CommonMark. They are read into a small tree of
//! allowed elements that the widget turns into DOM nodes, never into HTML
//! text, so nothing a feed writes can become markup:
//!
//! - raw HTML (blocks and inline tags) is dropped; the text between inline
//!   tags stays, as text;
//! - links keep only `https:`, `http:`, `mailto:` and `tel:` targets; any
//!   other link is shown as its text alone;
//! - images are not loaded: an image becomes a link to it (when its address
//!   is allowed) named by its alternative text;
//! - headings start at level 3 (the event's name is the level 2 heading);
//! - nesting deeper than [`MAX_DEPTH`] is flattened, so a hostile feed
//!   cannot make a tree too deep to render.

use pulldown_cmark::{CodeBlockKind, Event as Md, HeadingLevel, Options, Parser, Tag};

/// Deepest nesting of elements kept.
pub const MAX_DEPTH: usize = 16;

/// A node of a rendered description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Text(String),
    Element {
        /// One of a fixed set of harmless tags.
        tag: &'static str,
        /// Only `href`, `title` and `start`; `href` only with an allowed scheme.
        attrs: Vec<(&'static str, String)>,
        children: Vec<Node>,
    },
}

/// Whether a link target may be followed: `https:`, `http:`, `mailto:`,
/// `tel:`, with no control characters or spaces hiding another scheme.
pub fn is_allowed_link(url: &str) -> bool {
    let url = url.trim();
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = url.get(..7).unwrap_or(url).to_ascii_lowercase();
    ["https:", "http:", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
        && url.len() > 6
}

struct Frame {
    /// `None`: the children go straight to the parent (dropped or flattened
    /// elements).
    tag: Option<&'static str>,
    attrs: Vec<(&'static str, String)>,
    children: Vec<Node>,
}

fn heading(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h3",
        HeadingLevel::H2 => "h4",
        HeadingLevel::H3 => "h5",
        _ => "h6",
    }
}

/// Reads CommonMark into a tree of allowed elements.
pub fn to_tree(text: &str) -> Vec<Node> {
    let mut stack = vec![Frame {
        tag: None,
        attrs: Vec::new(),
        children: Vec::new(),
    }];
    let depth = |stack: &Vec<Frame>| stack.iter().filter(|f| f.tag.is_some()).count();
    for event in Parser::new_ext(text, Options::empty()) {
        match event {
            Md::Start(tag) => {
                let (name, attrs): (Option<&'static str>, Vec<(&'static str, String)>) = match tag {
                    Tag::Paragraph => (Some("p"), vec![]),
                    Tag::Heading { level, .. } => (Some(heading(level)), vec![]),
                    Tag::BlockQuote(_) => (Some("blockquote"), vec![]),
                    Tag::CodeBlock(CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) => {
                        (Some("pre"), vec![])
                    }
                    Tag::List(Some(start)) if start != 1 => {
                        (Some("ol"), vec![("start", start.to_string())])
                    }
                    Tag::List(Some(_)) => (Some("ol"), vec![]),
                    Tag::List(None) => (Some("ul"), vec![]),
                    Tag::Item => (Some("li"), vec![]),
                    Tag::Emphasis => (Some("em"), vec![]),
                    Tag::Strong => (Some("strong"), vec![]),
                    Tag::Strikethrough => (Some("del"), vec![]),
                    Tag::Link {
                        dest_url, title, ..
                    }
                    | Tag::Image {
                        dest_url, title, ..
                    } if is_allowed_link(&dest_url) => {
                        let mut attrs = vec![("href", dest_url.trim().to_string())];
                        if !title.is_empty() {
                            attrs.push(("title", title.to_string()));
                        }
                        (Some("a"), attrs)
                    }
                    // Raw HTML blocks, disallowed links and anything else.
                    _ => (None, vec![]),
                };
                let name = name.filter(|_| depth(&stack) < MAX_DEPTH);
                stack.push(Frame {
                    tag: name,
                    attrs,
                    children: Vec::new(),
                });
            }
            Md::End(_) => {
                if stack.len() < 2 {
                    continue;
                }
                let Some(frame) = stack.pop() else { break };
                let node = frame.tag.map(|tag| Node::Element {
                    tag,
                    attrs: frame.attrs,
                    children: Vec::new(),
                });
                if let Some(parent) = stack.last_mut() {
                    match node {
                        Some(Node::Element { tag, attrs, .. }) => {
                            parent.children.push(Node::Element {
                                tag,
                                attrs,
                                children: frame.children,
                            })
                        }
                        _ => parent.children.extend(frame.children),
                    }
                }
            }
            Md::Text(t) => push_text(&mut stack, &t),
            Md::Code(t) => {
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(Node::Element {
                        tag: "code",
                        attrs: vec![],
                        children: vec![Node::Text(t.to_string())],
                    });
                }
            }
            Md::SoftBreak => push_text(&mut stack, "\n"),
            Md::HardBreak => push_element(&mut stack, "br"),
            Md::Rule => push_element(&mut stack, "hr"),
            // Raw HTML never passes; the rest is not enabled.
            _ => {}
        }
    }
    // Close whatever is still open (the parser balances its tags, but a
    // cut description must not lose its end).
    while stack.len() > 1 {
        let Some(frame) = stack.pop() else { break };
        if let Some(parent) = stack.last_mut() {
            match frame.tag {
                Some(tag) => parent.children.push(Node::Element {
                    tag,
                    attrs: frame.attrs,
                    children: frame.children,
                }),
                None => parent.children.extend(frame.children),
            }
        }
    }
    stack.pop().map(|f| f.children).unwrap_or_default()
}

fn push_text(stack: &mut [Frame], text: &str) {
    if let Some(parent) = stack.last_mut() {
        match parent.children.last_mut() {
            Some(Node::Text(prev)) => prev.push_str(text),
            _ => parent.children.push(Node::Text(text.to_string())),
        }
    }
}

fn push_element(stack: &mut [Frame], tag: &'static str) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(Node::Element {
            tag,
            attrs: vec![],
            children: vec![],
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as compact HTML-like text, for comparisons.
    fn show(nodes: &[Node]) -> String {
        nodes
            .iter()
            .map(|n| match n {
                Node::Text(t) => t.clone(),
                Node::Element {
                    tag,
                    attrs,
                    children,
                } => {
                    let attrs: String = attrs.iter().map(|(k, v)| format!(" {k}={v:?}")).collect();
                    format!("<{tag}{attrs}>{}</{tag}>", show(children))
                }
            })
            .collect()
    }

    fn md(text: &str) -> String {
        show(&to_tree(text))
    }

    #[test]
    fn renders_the_usual_commonmark() {
        assert_eq!(
            md("# Agenda\n\nDay **one** and *two*:\n\n- talks\n- `visits`\n\n3. three\n4. four"),
            "<h3>Agenda</h3><p>Day <strong>one</strong> and <em>two</em>:</p>\
             <ul><li>talks</li><li><code>visits</code></li></ul><ol start=\"3\"><li>three</li><li>four</li></ol>"
        );
        assert_eq!(
            md("> quoted\n\n---"),
            "<blockquote><p>quoted</p></blockquote><hr></hr>"
        );
        assert_eq!(md("a  \nb\nc"), "<p>a<br></br>b\nc</p>");
    }

    #[test]
    fn raw_html_never_passes() {
        assert_eq!(md("<script>alert(1)</script>"), "");
        assert_eq!(md("<div onclick=x>\n\nhi\n\n</div>"), "<p>hi</p>");
        assert_eq!(
            md("a <b onmouseover=alert(1)>bold</b> <img src=x onerror=alert(1)>"),
            "<p>a bold </p>"
        );
        assert_eq!(
            md("&lt;script&gt;"),
            "<p><script></p>",
            "entities become text, which is escaped when shown"
        );
        let tree = to_tree("<iframe src=//evil></iframe>\n\n<style>*{}</style>");
        assert!(tree.is_empty(), "{tree:?}");
    }

    #[test]
    fn links_only_to_allowed_schemes() {
        assert_eq!(
            md("[site](https://www.vss.gov.vn \"VSS\") [mail](mailto:a@b.vn) [call](tel:+84243936) [x](javascript:alert(1)) [y](data:text/html,x) [z](/relative) [w](HTTP://X.ORG)"),
            "<p><a href=\"https://www.vss.gov.vn\" title=\"VSS\">site</a> <a href=\"mailto:a@b.vn\">mail</a> \
             <a href=\"tel:+84243936\">call</a> x y z <a href=\"HTTP://X.ORG\">w</a></p>"
        );
        assert_eq!(
            md("<https://example.org>"),
            "<p><a href=\"https://example.org\">https://example.org</a></p>"
        );
        assert_eq!(md("<javascript:alert(1)>"), "<p>javascript:alert(1)</p>");
        assert_eq!(
            md("![map](https://x.org/m.png)"),
            "<p><a href=\"https://x.org/m.png\">map</a></p>"
        );
        for bad in [
            "java\tscript:x",
            "https:",
            " javascript:x",
            "vbscript:x",
            "https://x y",
        ] {
            assert!(!is_allowed_link(bad), "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let deep = format!("{}deep", "> ".repeat(5000));
        let tree = to_tree(&deep);
        fn depth(nodes: &[Node]) -> usize {
            nodes
                .iter()
                .map(|n| match n {
                    Node::Text(_) => 0,
                    Node::Element { children, .. } => 1 + depth(children),
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&tree) <= MAX_DEPTH, "{}", depth(&tree));
        assert!(show(&tree).contains("deep"));
        let list = format!("{}x", "- ".repeat(3000));
        assert!(depth(&to_tree(&list)) <= MAX_DEPTH);
    }

    #[test]
    fn long_and_odd_text_is_fine() {
        let long = "Mô tả. ".repeat(15_000);
        assert_eq!(to_tree(&long).len(), 1);
        assert!(to_tree("").is_empty());
        assert_eq!(md("[unclosed](https://x"), "<p>[unclosed](https://x</p>");
    }
}
