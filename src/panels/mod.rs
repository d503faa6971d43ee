//! Side panels and windows. Each reads the atlas and the state and returns
//! [`crate::command::Command`]s; none changes state itself. The briefing's panels are named
//! `deck_*` (the Slides tab, presentation mode), beside `crate::deck`, `app/deck.rs` and
//! `export/deck_export.rs`.

pub mod about;
pub mod claims;
pub mod compare;
pub mod deck_export_progress;
pub mod deck_left_behind;
pub mod deck_presentation;
pub mod deck_slides;
pub mod detail_tabs;
pub mod event_card;
pub mod event_change;
pub mod event_data;
pub mod event_stats;
pub mod events_histogram;
pub mod events_legend;
pub mod export_dialog;
pub mod footnotes;
pub mod group_panel;
pub mod history;
pub mod lazy;
pub mod legend;
pub mod overview;
pub mod problems;
pub mod province_card;
pub mod province_list;
pub mod quit_prompt;
pub mod recency;
pub mod region;
pub mod retained;
pub mod sources_panel;
pub mod time_control;
pub mod top_bar;
pub mod view_menu;

pub use about::about_window;
pub use claims::claims_ui;
pub use deck_presentation::{PresentationView, notes_window, presentation_keys};
pub use deck_slides::SlidesPanel;
pub use detail_tabs::detail_tabs_ui;
pub use export_dialog::ExportDialog;
pub use group_panel::GroupPanel;
pub use history::HistoryPanel;
pub use legend::legend_ui;
pub use overview::overview_ui;
pub use problems::problems_window;
pub use province_card::province_card_ui;
pub use province_list::ProvinceList;
pub use quit_prompt::quit_prompt;
pub use region::region_ui;
pub use sources_panel::sources_panel_ui;
pub use time_control::time_control_ui;
pub use top_bar::top_bar_ui;
