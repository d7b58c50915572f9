//! Profile-file providers (`~/.huaweicloud/credentials`, `~/.tencentcloud/credentials`).
//!
//! The files are small INI documents. The parser is hand-written because errors must name the
//! file and the line, which the INI crates do not report.

use std::path::{Path, PathBuf};

use super::{
    CredentialsFuture, Environment, HuaweiAkSk, HuaweiCredentials, ProvideCredentials,
    TencentCredentials,
};
use crate::error::{CredentialsError, CredentialsErrorKind};

/// One `[section]` of an INI file: its keys with their line numbers.
struct Section {
    name: String,
    entries: Vec<(String, String)>,
}

fn file_error(path: &Path, detail: impl std::fmt::Display) -> CredentialsError {
    CredentialsError::new(
        CredentialsErrorKind::ProfileFile,
        format!("{}: {detail}", path.display()),
    )
}

fn parse_ini(text: &str, path: &Path) -> Result<Vec<Section>, CredentialsError> {
    let mut sections: Vec<Section> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .ok_or_else(|| {
                    file_error(
                        path,
                        format_args!("line {line_no}: malformed section header"),
                    )
                })?;
            sections.push(Section {
                name: name.to_owned(),
                entries: Vec::new(),
            });
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(file_error(
                path,
                format_args!("line {line_no}: expected `key = value` or `[section]`"),
            ));
        };
        let Some(section) = sections.last_mut() else {
            return Err(file_error(
                path,
                format_args!("line {line_no}: `{}` is outside any [section]", key.trim()),
            ));
        };
        section
            .entries
            .push((key.trim().to_owned(), value.trim().to_owned()));
    }
    Ok(sections)
}

/// A section found in a file: the file's path and the section's `key = value` entries.
type FoundSection = (PathBuf, Vec<(String, String)>);

/// Where a profile file is, and whether its absence is an error.
#[derive(Clone, Debug)]
struct Location {
    env: Environment,
    explicit: Option<PathBuf>,
    override_var: &'static str,
    default_dir: &'static str,
}

impl Location {
    /// The path to read and whether the caller pointed at it (then a missing file is an error).
    fn resolve(&self) -> Option<(PathBuf, bool)> {
        if let Some(path) = &self.explicit {
            return Some((path.clone(), true));
        }
        if let Some(path) = self.env.get(self.override_var) {
            return Some((PathBuf::from(path), true));
        }
        let home = self
            .env
            .get("HOME")
            .or_else(|| self.env.get("USERPROFILE"))?;
        Some((
            Path::new(&home).join(self.default_dir).join("credentials"),
            false,
        ))
    }

    /// The entries of `section`, `None` when the file or section is absent.
    fn read_section(&self, section: &str) -> Result<Option<FoundSection>, CredentialsError> {
        let Some((path, pointed_at)) = self.resolve() else {
            return Ok(None);
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !pointed_at => return Ok(None),
            Err(e) => return Err(file_error(&path, format_args!("cannot be read: {e}"))),
        };
        let sections = parse_ini(&text, &path)?;
        Ok(sections
            .into_iter()
            .find(|s| s.name == section)
            .map(|s| (path, s.entries)))
    }

    fn describe(&self, section: &str) -> String {
        match self.resolve() {
            Some((path, _)) => format!("profile file {} [{section}]", path.display()),
            None => format!("profile file (no {} and no HOME)", self.override_var),
        }
    }
}

fn value<'a>(entries: &'a [(String, String)], key: &str) -> Option<&'a str> {
    entries
        .iter()
        .rev()
        .find(|(k, v)| k == key && !v.is_empty())
        .map(|(_, v)| v.as_str())
}

fn required<'a>(
    entries: &'a [(String, String)],
    key: &str,
    path: &Path,
    section: &str,
) -> Result<&'a str, CredentialsError> {
    value(entries, key).ok_or_else(|| {
        file_error(
            path,
            format_args!("section [{section}] has no `{key}` value"),
        )
    })
}

/// Huawei credentials from `HUAWEICLOUD_SDK_CREDENTIALS_FILE` or `~/.huaweicloud/credentials`.
#[derive(Clone, Debug)]
pub struct HuaweiProfileProvider {
    location: Location,
    section: &'static str,
}

impl HuaweiProfileProvider {
    /// The `[global]` section, as global services (BSS, OSM) read it.
    pub fn global() -> Self {
        Self::section("global")
    }

    /// The `[basic]` section, as regional services read it.
    pub fn basic() -> Self {
        Self::section("basic")
    }

    fn section(section: &'static str) -> Self {
        Self {
            location: Location {
                env: Environment::process(),
                explicit: None,
                override_var: "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
                default_dir: ".huaweicloud",
            },
            section,
        }
    }

    /// Reads this file instead of the default location.
    #[must_use]
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.location.explicit = Some(path.into());
        self
    }

    /// Resolves the override variable and `HOME` from the given environment.
    #[must_use]
    pub fn with_environment(mut self, env: Environment) -> Self {
        self.location.env = env;
        self
    }
}

impl HuaweiProfileProvider {
    /// Reads the source now (what the provider does when asked); `Ok(None)` when it holds
    /// nothing.
    ///
    /// # Errors
    /// The source is set but unusable.
    pub fn read(&self) -> Result<Option<HuaweiCredentials>, CredentialsError> {
        let Some((path, entries)) = self.location.read_section(self.section)? else {
            return Ok(None);
        };
        let ak = required(&entries, "ak", &path, self.section)?;
        let sk = required(&entries, "sk", &path, self.section)?;
        let mut c = HuaweiAkSk::new(ak, sk);
        if let Some(v) = value(&entries, "domain_id") {
            c = c.with_domain_id(v);
        }
        if let Some(v) = value(&entries, "project_id") {
            c = c.with_project_id(v);
        }
        if let Some(v) = value(&entries, "security_token") {
            c = c.with_security_token(v);
        }
        Ok(Some(HuaweiCredentials::AkSk(c)))
    }
}

impl ProvideCredentials<HuaweiCredentials> for HuaweiProfileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_, HuaweiCredentials> {
        CredentialsFuture::ready(self.read())
    }

    fn source_name(&self) -> String {
        self.location.describe(self.section)
    }
}

/// Tencent credentials from `TENCENTCLOUD_CREDENTIALS_FILE` or `~/.tencentcloud/credentials`,
/// section `[default]`.
#[derive(Clone, Debug)]
pub struct TencentProfileProvider {
    location: Location,
    section: String,
}

impl TencentProfileProvider {
    /// The `[default]` section of the default file.
    pub fn new() -> Self {
        Self {
            location: Location {
                env: Environment::process(),
                explicit: None,
                override_var: "TENCENTCLOUD_CREDENTIALS_FILE",
                default_dir: ".tencentcloud",
            },
            section: "default".into(),
        }
    }

    /// Another named profile.
    #[must_use]
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.section = name.into();
        self
    }

    /// Reads this file instead of the default location.
    #[must_use]
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.location.explicit = Some(path.into());
        self
    }

    /// Resolves the override variable and `HOME` from the given environment.
    #[must_use]
    pub fn with_environment(mut self, env: Environment) -> Self {
        self.location.env = env;
        self
    }
}

impl Default for TencentProfileProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl TencentProfileProvider {
    /// Reads the source now (what the provider does when asked); `Ok(None)` when it holds
    /// nothing.
    ///
    /// # Errors
    /// The source is set but unusable.
    pub fn read(&self) -> Result<Option<TencentCredentials>, CredentialsError> {
        let Some((path, entries)) = self.location.read_section(&self.section)? else {
            return Ok(None);
        };
        let id = required(&entries, "secret_id", &path, &self.section)?;
        let key = required(&entries, "secret_key", &path, &self.section)?;
        Ok(Some(TencentCredentials::new(id, key)))
    }
}

impl ProvideCredentials<TencentCredentials> for TencentProfileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_, TencentCredentials> {
        CredentialsFuture::ready(self.read())
    }

    fn source_name(&self) -> String {
        self.location.describe(&self.section)
    }
}
