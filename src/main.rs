//! The browser entry point: mount a widget in every `[data-regdesk]`.

fn main() {
    regdesk::mount_all();
}
