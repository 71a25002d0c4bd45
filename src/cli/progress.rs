//! Progress bars for long CLI work (`jobdraft import`, `jobdraft sync`), with indicatif: a byte
//! bar when the size is known, a spinner otherwise, and nothing at all when stderr is not a
//! terminal (logs and pipes get the final summary line only).

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar over `total` bytes, or a spinner when the size is unknown; hidden off a terminal.
pub fn bar(total: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(len) => {
            let bar = ProgressBar::new(len);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:30.cyan/blue} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {bytes} {elapsed} {msg}") {
                bar.set_style(style);
            }
            bar
        }
    };
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Prints a line above the bar (or to stderr when there is no bar).
pub fn line(bar: &ProgressBar, text: &str) {
    bar.suspend(|| eprintln!("{text}"));
}
