//! Charts: pure series preparation ([`series`]) and thin egui_plot views ([`economy`]).

pub mod economy;
pub mod series;
