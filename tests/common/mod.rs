//! What the UI test files share: the app in a headless harness, as a user first sees it.

use egui::{PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use resistance_atlas::{AtlasApp, data::load_embedded};

/// The app with the built-in data in a 1600×1000 window, after its first frames (the map's
/// tiles are made on a background thread since main's perf merge: on a loaded machine they take
/// well over 120 frames to arrive, so the harness may run up to 1000).
pub fn harness() -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .with_max_steps(1000)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::from_atlas(load_embedded()),
        );
    harness.run();
    harness
}

/// Moves the pointer to `pos` and clicks there, as a person does (a click where no widget has an
/// accessible node, such as a point on the map or the date slider's track).
#[allow(dead_code)] // not every test file clicks at a point
pub fn click_at(harness: &mut Harness<'_, AtlasApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        });
    }
    harness.run();
}
