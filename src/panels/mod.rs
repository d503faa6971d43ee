//! Side panels and windows. Each reads the atlas and the state and returns [`crate::state::Command`]s;
//! none changes state itself.

pub mod about;
pub mod problems;
pub mod province_card;
pub mod province_list;
pub mod sources;
pub mod top_bar;

pub use about::about_window;
pub use problems::problems_window;
pub use province_card::province_card_ui;
pub use province_list::ProvinceList;
pub use top_bar::top_bar_ui;
