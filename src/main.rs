//! Starts the Resistance Atlas window. Everything else lives in the library.

use resistance_atlas::AtlasApp;

fn main() -> eframe::Result {
    env_logger::init();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Resistance Atlas")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([720.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "Resistance Atlas",
        options,
        Box::new(|cc| Ok(Box::new(AtlasApp::new(cc)))),
    )
}
