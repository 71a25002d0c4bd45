//! The CLI client's saved credentials: `$XDG_CONFIG_HOME/jobdraft/cli.json` (or
//! `~/.config/jobdraft/cli.json`), written with mode 0600 because it holds bearer tokens.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::cli::AnyError;

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credentials {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_token: Option<String>,
}

pub fn path() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("jobdraft").join("cli.json")
}

impl Credentials {
    /// The saved credentials, or none saved yet.
    pub fn load() -> Result<Credentials, AnyError> {
        match std::fs::read_to_string(path()) {
            Ok(text) => Ok(serde_json::from_str(&text)
                .map_err(|e| format!("{} is not valid: {e}", path().display()))?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Credentials::default()),
            Err(e) => Err(e.into()),
        }
    }

    pub fn save(&self) -> Result<(), AnyError> {
        use std::io::Write;
        let path = path();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&path)?;
        #[cfg(unix)]
        {
            // A file that existed before keeps its mode through open(): set it.
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(serde_json::to_string_pretty(self)?.as_bytes())?;
        Ok(())
    }
}
