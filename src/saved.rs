//! The app's saved state as eframe keeps it (RON text in `app.ron`), read by the app itself so a
//! state that cannot be read — a damaged file, an impossible date — is reported once instead of
//! silently reset or, worse, crashing every start.

use crate::state::AppState;

/// What the user is told when the saved state cannot be used.
pub const UNREADABLE: &str = "Your saved layout could not be read; defaults are used";

/// The state in `text` (eframe's RON for [`eframe::APP_KEY`]), or why it cannot be read. Every
/// value is checked as it is read: a date must exist (see [`crate::data::Day`]).
pub fn from_saved(text: &str) -> Result<AppState, String> {
    ron::from_str(text).map_err(|e| e.to_string())
}

/// The state to start with from what eframe kept (`None`: nothing saved), and the message to
/// show once when what was kept could not be read.
pub fn restore(saved: Option<&str>) -> (AppState, Option<String>) {
    match saved.map(from_saved) {
        None => (AppState::default(), None),
        Some(Ok(state)) => (state, None),
        Some(Err(reason)) => {
            log::warn!("saved state not read: {reason}");
            (
                AppState::default(),
                Some(format!("{UNREADABLE} ({reason})")),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_state_with_month_13_is_refused_with_a_message() {
        let saved = "(filters: (time: (all_time: false, from: (year: 2024, month: 13, day: 1), \
                     to: (year: 2024, month: 12, day: 31))))";
        let (state, message) = restore(Some(saved));
        assert!(state.filters.time.all_time, "defaults");
        let message = message.expect("said");
        assert!(message.starts_with(UNREADABLE), "{message}");
        assert!(message.contains("month 13"), "{message}");
        assert_eq!(restore(None).1, None);
        assert_eq!(restore(Some("(theme: Dark)")).1, None);
    }
}
