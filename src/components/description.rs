//! An event's description: CommonMark read by [`regdesk_core::markdown`]
//! into allow-listed elements, built here as DOM nodes (never as HTML text).
//! Links open in a new tab with `rel="noopener noreferrer"`.

use regdesk_core::i18n::Key;
use regdesk_core::markdown::{to_tree, Node};
use yew::prelude::*;
use yew::virtual_dom::{VTag, VText};

use crate::hooks::{use_ui, Ui};

fn build(ui: &Ui, nodes: &[Node]) -> Vec<Html> {
    nodes
        .iter()
        .map(|node| match node {
            Node::Text(text) => Html::from(VText::new(text.clone())),
            Node::Element {
                tag,
                attrs,
                children,
            } => {
                let mut element = VTag::new(*tag);
                for (name, value) in attrs {
                    element.add_attribute(name, value.clone());
                }
                element.add_children(build(ui, children));
                if *tag == "a" {
                    element.add_attribute("target", "_blank");
                    element.add_attribute("rel", "noopener noreferrer");
                    let mut note = VTag::new("span");
                    note.add_attribute("class", "visually-hidden");
                    note.add_child(Html::from(VText::new(format!(
                        " {}",
                        ui.t(Key::OpensInNewTab)
                    ))));
                    element.add_child(note.into());
                }
                element.into()
            }
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct DescriptionProps {
    /// CommonMark.
    pub text: AttrValue,
}

#[component]
pub fn Description(props: &DescriptionProps) -> Html {
    let ui = use_ui();
    let tree = use_memo(props.text.clone(), |text| to_tree(text));
    html! { <div class="description">{ for build(&ui, &tree) }</div> }
}
