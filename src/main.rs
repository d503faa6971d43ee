//! Starts Resistance Atlas: the window, or a headless command (`export`, `export-deck`,
//! `validate`). Everything else lives in the library.

// Release builds on Windows are GUI programs, so no console window flashes up when the app is
// double-clicked; the commands attach to the console they were started from.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use resistance_atlas::command::DataCommand;
use resistance_atlas::files::{printable, shown_path};
use std::process::ExitCode;

use resistance_atlas::{
    AtlasApp,
    cli::{Cli, CliCommand, run_changes, run_events, run_export, run_export_deck, run_validate},
    diagnostics,
};

fn main() -> ExitCode {
    diagnostics::mark_start();
    let cli = Cli::parse_or_exit();
    if cli.command.is_some() {
        attach_parent_console();
    }
    match cli.command {
        Some(CliCommand::Export(args)) => match run_export(&args) {
            Ok(report) => {
                eprint!("{}", printable(&report.events_summary));
                println!("wrote {}", shown_path(&report.path));
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("resistance-atlas export: {}", printable(&message));
                ExitCode::FAILURE
            }
        },
        Some(CliCommand::ExportDeck(args)) => match run_export_deck(&args) {
            Ok(paths) => {
                for path in paths {
                    println!("wrote {}", shown_path(&path));
                }
                ExitCode::SUCCESS
            }
            Err(failure) => {
                eprintln!(
                    "resistance-atlas export-deck: {}",
                    printable(&failure.message)
                );
                ExitCode::from(failure.exit_code)
            }
        },
        Some(CliCommand::Validate(args)) => {
            let (report, clean) = run_validate(&args);
            print!("{}", printable(&report));
            if clean {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some(CliCommand::Events(args)) => match run_events(&args) {
            Ok(report) => {
                if args.out.is_none() {
                    print!("{}", report.csv);
                }
                eprint!("{}", printable(&report.summary));
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("resistance-atlas events: {}", printable(&message));
                ExitCode::FAILURE
            }
        },
        Some(CliCommand::Changes(args)) => match run_changes(&args) {
            Ok(report) => {
                if args.out.is_none() {
                    print!("{}", report.csv);
                }
                eprint!("{}", report.summary);
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("resistance-atlas changes: {message}");
                ExitCode::FAILURE
            }
        },
        None => run_app(cli.file),
    }
}

/// On Windows, lets a command started from a console print to it.
#[cfg(windows)]
#[allow(unsafe_code)]
fn attach_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id and has no other precondition; when there is no
    // parent console it fails and nothing changes.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_parent_console() {}

/// Opens the window; `file` (a data set, boundary file or deck) is opened in it, as when the app
/// is started by double-clicking a file.
fn run_app(file: Option<std::path::PathBuf>) -> ExitCode {
    // The built-in data and its geometry are made while the window opens.
    let preloaded = resistance_atlas::app::preload::Preloaded::start();
    let log = diagnostics::init_logging();
    diagnostics::startup_step("command line read, log opened");
    diagnostics::install_crash_handler();
    log::info!(
        "Resistance Atlas {} starting; log: {}",
        env!("CARGO_PKG_VERSION"),
        log.map_or_else(|| "standard error".to_owned(), |p| p.display().to_string())
    );
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(resistance_atlas::APP_NAME)
        .with_inner_size([1400.0, 900.0])
        .with_min_inner_size([720.0, 480.0])
        // Matches the desktop entry (resistance-atlas.desktop), so the dock shows its icon; also
        // names the data folder.
        .with_app_id(resistance_atlas::APP_ID);
    if let Some(icon) = resistance_atlas::icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    diagnostics::startup_step("window icon");
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    if let Some(missing) = missing_display() {
        eprintln!("resistance-atlas: {missing}");
        return ExitCode::FAILURE;
    }
    let result = eframe::run_native(
        resistance_atlas::APP_NAME,
        options,
        Box::new(|cc| {
            diagnostics::startup_step("window and GL context");
            let mut app = AtlasApp::new_preloaded(cc, preloaded);
            if let Some(file) = file {
                app.apply(
                    &cc.egui_ctx,
                    resistance_atlas::command::Command::Data(DataCommand::OpenDropped(file)),
                );
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "resistance-atlas: could not open the window: {}",
                without_source_locations(&err.to_string())
            );
            ExitCode::FAILURE
        }
    }
}

/// On Linux and the BSDs, why there is no display to open the window on, if there is none.
fn missing_display() -> Option<String> {
    if !cfg!(all(unix, not(target_os = "macos"))) {
        return None;
    }
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    (!set("DISPLAY") && !set("WAYLAND_DISPLAY")).then(|| {
        "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). \
         The commands export, export-deck, validate and events work without one; see --help."
            .to_owned()
    })
}

/// An error message without the source-file locations some libraries append ("at
/// /home/…/.cargo/registry/…/mod.rs:123:45"): they mean nothing to the person reading it.
fn without_source_locations(message: &str) -> String {
    let mut kept: Vec<String> = Vec::new();
    for word in message.split(' ') {
        if word.contains(".rs:") || word.contains(".cargo") {
            if kept.last().is_some_and(|w| w == "at") {
                kept.pop();
            }
            if word.ends_with(':')
                && let Some(last) = kept.last_mut()
            {
                last.push(':');
            }
        } else {
            kept.push(word.to_owned());
        }
    }
    kept.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_locations_are_left_out_of_messages() {
        assert_eq!(
            without_source_locations(
                "os error at /home/me/.cargo/registry/src/index/winit-0.30.12/src/platform_impl/linux/mod.rs:765: neither WAYLAND_DISPLAY nor DISPLAY is set"
            ),
            "os error: neither WAYLAND_DISPLAY nor DISPLAY is set"
        );
        assert_eq!(without_source_locations("no GL context"), "no GL context");
    }
}
