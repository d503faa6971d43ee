//! `export-deck` as it goes: progress on standard error ("slide 12/40"), one line per step, or
//! one line rewritten in place when standard error is a terminal; and SIGINT, SIGTERM or SIGHUP
//! stop the export at the next step with its staging folder removed (a second signal ends the
//! process at once); the command then ends with the status a shell gives a process the signal
//! ended (128 + its number: 130 for SIGINT, 143 for SIGTERM).

use std::{
    io::{IsTerminal as _, Write as _},
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
};

use crate::export::deck_export::DeckProgress;

/// Tells the steps of an export on standard error and says whether to go on.
#[derive(Debug)]
pub struct DeckProgressLine {
    /// Rewrite one line in place (a terminal) rather than print a line per step.
    in_place: bool,
    /// Set by a signal asking the export to stop.
    stop: Arc<AtomicBool>,
    /// The number of the last signal that asked the export to stop (0: none).
    signal: Arc<AtomicUsize>,
    /// Whether a line is open (in place) and needs ending.
    open: bool,
}

impl DeckProgressLine {
    /// Progress on standard error, stopping on SIGINT, SIGTERM or SIGHUP where signals can be
    /// listened for.
    pub fn new() -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let signal = Arc::new(AtomicUsize::new(0));
        if let Err(error) = stop_on_signals(&stop, &signal) {
            log::warn!("signals will not stop the export cleanly: {error}");
        }
        Self {
            in_place: std::io::stderr().is_terminal(),
            stop,
            signal,
            open: false,
        }
    }

    /// The signal that stopped the export, if one did: its number.
    pub fn stopped_by(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            number => i32::try_from(number).ok(),
        }
    }

    /// Shows `step`; returns whether to go on.
    pub fn tell(&mut self, step: DeckProgress) -> bool {
        if self.stop.load(Ordering::SeqCst) {
            self.finish();
            return false;
        }
        let mut stderr = std::io::stderr().lock();
        if self.in_place {
            // Back to the line's start and clear it.
            let _ = write!(stderr, "\r\x1b[2K{step}");
            self.open = true;
        } else {
            let _ = writeln!(stderr, "{step}");
        }
        let _ = stderr.flush();
        true
    }

    /// Ends the line rewritten in place, if one is open.
    pub fn finish(&mut self) {
        if self.open {
            eprintln!();
            self.open = false;
        }
    }
}

impl Default for DeckProgressLine {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for DeckProgressLine {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Sets `stop` (and `which` to the signal's number) on SIGINT, SIGTERM or SIGHUP; a second one
/// ends the process as the signal normally would.
#[cfg(unix)]
fn stop_on_signals(stop: &Arc<AtomicBool>, which: &Arc<AtomicUsize>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        // Registered first, so it sees the flag before the second handler sets it.
        signal_hook::flag::register_conditional_default(signal, Arc::clone(stop))?;
        // Before the flag: whoever sees `stop` set also sees which signal set it.
        let number = usize::try_from(signal).unwrap_or_default();
        signal_hook::flag::register_usize(signal, Arc::clone(which), number)?;
        signal_hook::flag::register(signal, Arc::clone(stop))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn stop_on_signals(stop: &Arc<AtomicBool>, which: &Arc<AtomicUsize>) -> std::io::Result<()> {
    let _ = (stop, which);
    Ok(())
}
