//! `jobdraft import`: stream a feed or a JSON array of create bodies into an account, with progress.

use std::io::Read;
use std::path::Path;

use jobdraft_parsers::Limits;

use crate::catalog::Catalog;
use crate::store;

use super::{open_store, AnyError};

pub fn import(
    file: &Path,
    account: &str,
    profile: &str,
    kind: Option<&str>,
    database_url: &str,
) -> Result<(), AnyError> {
    use crate::domain::batch::BatchKind;
    use std::io::{BufRead, BufReader};

    if Catalog::builtin().profile(profile).is_none() {
        return Err(format!("unknown profile {profile:?}").into());
    }
    let (input, size): (Box<dyn Read>, Option<u64>) = if file.as_os_str() == "-" {
        (Box::new(std::io::stdin()), None)
    } else {
        let f = std::fs::File::open(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let size = f.metadata().ok().map(|m| m.len());
        (Box::new(f), size)
    };
    let bar = super::progress::bar(size);
    let mut reader = BufReader::with_capacity(64 * 1024, bar.wrap_read(input));
    let kind = match kind {
        Some("xml") => BatchKind::IndeedFeed,
        Some("json") => BatchKind::JsonArray,
        Some(other) => return Err(format!("unknown --kind {other:?}; use xml or json").into()),
        None => {
            let head = reader.fill_buf()?;
            match head.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'[') => BatchKind::JsonArray,
                _ => BatchKind::IndeedFeed,
            }
        }
    };
    let store = open_store(database_url, 1)?;
    let mut conn = store.conn()?;
    let owner = store::accounts::find_or_create(&mut conn, account)?;
    let started = std::time::Instant::now();
    let progress = |t: &crate::import::ImportTally| {
        bar.set_message(format!(
            "{} jobs: {} created, {} replayed, {} failed",
            t.total, t.created, t.replayed, t.failed
        ));
    };
    let on_error = |index: usize, message: String| {
        super::progress::line(&bar, &format!("job #{index}: {message}"))
    };
    let tally = crate::import::import_reader(
        &mut conn,
        &owner.id,
        reader,
        kind,
        profile,
        &Limits::default(),
        progress,
        on_error,
    )?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} jobs in {secs:.2} s ({:.0} jobs/s): {} created, {} replayed, {} failed.",
        tally.total,
        tally.total as f64 / secs.max(1e-9),
        tally.created,
        tally.replayed,
        tally.failed
    );
    Ok(())
}
