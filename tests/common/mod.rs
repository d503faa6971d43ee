//! What the UI test files share: the app in a headless harness, as a user first sees it.

use egui::vec2;
use egui_kittest::Harness;
use resistance_atlas::{AtlasApp, data::load_embedded};

/// The app with the built-in data in a 1600×1000 window, after its first frames.
pub fn harness() -> Harness<'static, AtlasApp> {
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .with_max_steps(120)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::from_atlas(load_embedded()),
        );
    harness.run();
    harness
}
