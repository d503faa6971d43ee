//! The Sources panel: every source the atlas cites, with its URL (and a copy button), and how many
//! records cite it. Choosing one highlights those records on the map and in the panels.

use egui::{Button, RichText, ScrollArea, Ui};

use crate::{
    data::Atlas,
    state::{AppState, Command},
};

/// How many records cite the source `id`.
pub fn citing_records(atlas: &Atlas, id: &str) -> usize {
    let cites = |sources: &[String]| sources.iter().any(|s| s == id);
    let facts = atlas.provinces.iter().map(|p| {
        let f = &p.facts;
        usize::from(f.capital.as_ref().is_some_and(|c| cites(&c.sources)))
            + usize::from(f.area_km2.as_ref().is_some_and(|a| cites(&a.sources)))
            + usize::from(f.population.as_ref().is_some_and(|p| cites(&p.sources)))
    });
    facts.sum::<usize>()
        + atlas.groups.iter().filter(|g| cites(&g.sources)).count()
        + atlas.presence.iter().filter(|p| cites(&p.sources)).count()
        + atlas.events.iter().filter(|e| cites(&e.sources)).count()
        + atlas
            .relationships
            .iter()
            .filter(|r| cites(&r.sources))
            .count()
        + atlas
            .claims
            .iter()
            .filter(|c| c.source == id || cites(&c.evidence))
            .count()
}

/// Shows every source.
pub fn sources_panel_ui(ui: &mut Ui, atlas: &Atlas, state: &AppState) -> Option<Command> {
    let mut command = None;
    ui.label(RichText::new(format!("{} sources", atlas.sources.len())).heading());
    ui.label(
        RichText::new("Choose one to highlight the provinces whose records cite it.")
            .small()
            .weak(),
    );
    if state.highlighted_source.is_some() && ui.button("Clear highlight").clicked() {
        command = Some(Command::HighlightSource(None));
    }
    ui.separator();
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut sources: Vec<_> = atlas.sources.values().collect();
            sources.sort_by(|a, b| (a.kind.label(), &a.title).cmp(&(b.kind.label(), &b.title)));
            for source in sources {
                let chosen = state.highlighted_source.as_deref() == Some(source.id.as_str());
                if ui
                    .add(Button::selectable(chosen, RichText::new(&source.title).strong()).wrap())
                    .clicked()
                {
                    command = Some(Command::HighlightSource(
                        (!chosen).then(|| source.id.clone()),
                    ));
                }
                ui.label(
                    RichText::new(format!(
                        "{} · {} · {} · cited by {} record(s)",
                        source.publisher,
                        source.date.as_deref().unwrap_or("undated"),
                        source.kind.label(),
                        citing_records(atlas, &source.id)
                    ))
                    .small()
                    .weak(),
                );
                if let Some(url) = &source.url {
                    // A long URL is cut short (in full on hover), so it never widens the panel.
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("Copy")
                            .on_hover_text("Copy the URL")
                            .clicked()
                        {
                            ui.ctx().copy_text(url.clone());
                        }
                        crate::links::link_ui(ui, RichText::new(url).small(), url);
                    });
                }
                ui.add_space(6.0);
            }
        });
    command
}
