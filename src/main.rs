//! Starts Resistance Atlas: the window, or a headless command (`export`). Everything else lives
//! in the library.

use std::process::ExitCode;

use clap::Parser as _;
use resistance_atlas::{
    AtlasApp,
    cli::{Cli, CliCommand, run_export, run_export_deck, run_validate},
    diagnostics,
};

fn main() -> ExitCode {
    diagnostics::mark_start();
    let cli = Cli::parse();
    match cli.command {
        Some(CliCommand::Export(args)) => match run_export(&args) {
            Ok(path) => {
                println!("wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("resistance-atlas export: {message}");
                ExitCode::FAILURE
            }
        },
        Some(CliCommand::ExportDeck(args)) => match run_export_deck(&args) {
            Ok(paths) => {
                for path in paths {
                    println!("wrote {}", path.display());
                }
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("resistance-atlas export-deck: {message}");
                ExitCode::FAILURE
            }
        },
        Some(CliCommand::Validate(args)) => {
            let (report, clean) = run_validate(&args);
            print!("{report}");
            if clean {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        None => run_app(),
    }
}

fn run_app() -> ExitCode {
    let log = diagnostics::init_logging();
    diagnostics::install_crash_handler();
    log::info!(
        "Resistance Atlas {} starting; log: {}",
        env!("CARGO_PKG_VERSION"),
        log.map_or_else(|| "standard error".to_owned(), |p| p.display().to_string())
    );
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(resistance_atlas::APP_NAME)
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([720.0, 480.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        resistance_atlas::APP_NAME,
        options,
        Box::new(|cc| Ok(Box::new(AtlasApp::new(cc)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("resistance-atlas: could not open the window: {err}");
            ExitCode::FAILURE
        }
    }
}
