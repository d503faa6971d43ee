//! Two windows on one data folder: in every order of opening, adding a slide (autosaved) and
//! closing, neither window's slide is lost, and each is in a file the user is shown or told of.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a failed expectation is the test failing

use std::path::Path;

use egui::vec2;
use egui_kittest::{Harness, kittest::Queryable as _};
use resistance_atlas::{
    AtlasApp,
    command::{Command, DeckCommand},
    data::{Atlas, load_embedded},
    deck::Deck,
};

mod run;
use run::scratch;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Open,
    Add,
    Close,
}

/// A window as a user has it: the app, and everything it told them.
struct Window {
    app: Option<AtlasApp>,
    told: Vec<String>,
}

impl Window {
    fn open(atlas: &Atlas, autosave: &Path) -> Self {
        let mut app = AtlasApp::from_atlas(atlas.clone());
        app.use_autosave(Ok(autosave.to_path_buf()));
        let told = app.state().notice.iter().map(|n| n.text.clone()).collect();
        Self {
            app: Some(app),
            told,
        }
    }

    fn add_slide(&mut self, title: &str) {
        let ctx = egui::Context::default();
        let app = self.app.as_mut().expect("open");
        app.apply(&ctx, Command::Deck(DeckCommand::AddSlide));
        let at = app.state().current_slide.expect("the new slide is current");
        app.apply(
            &ctx,
            Command::Deck(DeckCommand::RenameSlide(at, title.to_owned())),
        );
        assert!(!app.has_unsaved_slides(), "{title} is autosaved");
        self.told
            .extend(app.state().notice.iter().map(|n| n.text.clone()));
    }
}

/// Every order of two windows' open → add → close.
fn interleavings() -> Vec<Vec<(usize, Step)>> {
    let steps = [Step::Open, Step::Add, Step::Close];
    let mut orders = Vec::new();
    for mask in 0u32..64 {
        if mask.count_ones() != 3 {
            continue;
        }
        let (mut a, mut b) = (0, 0);
        let order = (0..6)
            .map(|bit| {
                if mask & (1 << bit) != 0 {
                    a += 1;
                    (0, steps[a - 1])
                } else {
                    b += 1;
                    (1, steps[b - 1])
                }
            })
            .collect();
        orders.push(order);
    }
    orders
}

/// The slide titles in the files a user can find: the data folder's deck (what the next
/// window opens) and every file a window named to them.
fn titles_found(folder: &Path, told: &[String]) -> Vec<String> {
    let mut files = vec![folder.join("deck.json")];
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") && told.iter().any(|t| t.contains(&name)) {
            files.push(entry.path());
        }
    }
    files
        .iter()
        .filter_map(|f| Deck::load(f).ok())
        .flat_map(|deck| deck.slides.into_iter().map(|s| s.title))
        .collect()
}

#[test]
fn no_slide_is_lost_in_any_order_of_two_windows() {
    let atlas = load_embedded();
    let orders = interleavings();
    assert_eq!(orders.len(), 20);
    for (n, order) in orders.iter().enumerate() {
        let folder = scratch(&format!("order-{n}"));
        let autosave = folder.join("deck.json");
        let mut windows: [Option<Window>; 2] = [None, None];
        let mut told = Vec::new();
        for &(who, step) in order {
            match step {
                Step::Open => windows[who] = Some(Window::open(&atlas, &autosave)),
                Step::Add => windows[who]
                    .as_mut()
                    .unwrap()
                    .add_slide(&format!("slide of window {who}")),
                Step::Close => {
                    let mut window = windows[who].take().unwrap();
                    drop(window.app.take());
                    told.extend(window.told);
                }
            }
        }
        // A later window opens the data folder's deck as usual.
        let later = Window::open(&atlas, &autosave);
        assert!(
            later.told.is_empty(),
            "{order:?}: a later window opens the deck quietly: {:?}",
            later.told
        );
        let found = titles_found(&folder, &told);
        for who in 0..2 {
            let title = format!("slide of window {who}");
            assert!(
                found.contains(&title),
                "{order:?}: {title} lost; found {found:?}, told {told:?}"
            );
        }
        let _ = std::fs::remove_dir_all(&folder);
    }
}

#[test]
fn the_second_window_says_it_keeps_its_own_copy() {
    let folder = scratch("told");
    let autosave = folder.join("deck.json");
    let atlas = load_embedded();
    let mut first = Window::open(&atlas, &autosave);
    first.add_slide("first window's slide");

    let mut second = AtlasApp::from_atlas(atlas);
    second.use_autosave(Ok(autosave.clone()));
    assert_eq!(
        second.deck().slides.len(),
        1,
        "the second window starts from the deck as it was"
    );
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .with_max_steps(1000)
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), second);
    harness.run();
    let notice = harness.state().state().notice.clone().expect("told").text;
    assert!(notice.contains("deck-window-1.json"), "{notice}");
    harness.get_by_label("Slides").click();
    harness.run();
    harness.get_by_label("Add slide").click();
    harness.run();
    let told = "This window's slides go to deck-window-1.json: another Resistance Atlas window";
    let shown = harness.query_all_by_label_contains(told).count();
    assert!(shown >= 1, "the window says where its slides go");
    // The notice goes; the Slides tab still says it.
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(
        &ctx,
        Command::View(resistance_atlas::command::ViewCommand::DismissNotice),
    );
    harness.run();
    assert!(harness.state().state().notice.is_none());
    assert_eq!(
        harness.query_all_by_label_contains(told).count(),
        1,
        "the Slides tab says where this window's slides go"
    );
    let copy = Deck::load(&folder.join("deck-window-1.json")).expect("the copy");
    assert_eq!(copy.slides.len(), 2);
    let shared = Deck::load(&autosave).expect("the first window's deck");
    assert_eq!(
        shared.slides.len(),
        1,
        "the first window's deck is not written"
    );
    drop(first);
    let _ = std::fs::remove_dir_all(&folder);
}
