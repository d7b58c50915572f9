//! Profile files: small INI documents under the home directory (or where a variable points),
//! read into sections of `key = value` entries.
//!
//! The parser is hand-written because errors must name the file and the line, which the INI
//! crates do not report.

use std::path::{Path, PathBuf};

use super::Environment;
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

/// A section found in a profile file: the file's path, the section's name and its
/// `key = value` entries.
#[derive(Clone, Debug)]
pub struct ProfileSection {
    path: PathBuf,
    name: String,
    entries: Vec<(String, String)>,
}

impl ProfileSection {
    /// A key's value: the last one given, when not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        value(&self.entries, key)
    }

    /// A key's value, required.
    ///
    /// # Errors
    /// The section has no such key (or only an empty value): the error names the file, the
    /// section and the key.
    pub fn require(&self, key: &str) -> Result<&str, CredentialsError> {
        required(&self.entries, key, &self.path, &self.name)
    }

    /// The file the section was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Where a profile file is: a path given in code, else the file a variable names, else
/// `$HOME/<dir>/credentials` (`%USERPROFILE%` on Windows). A file given in code or by the
/// variable must exist; the default one may be absent (then it holds nothing).
#[derive(Clone, Debug)]
pub struct ProfileFile {
    env: Environment,
    explicit: Option<PathBuf>,
    override_var: &'static str,
    default_dir: &'static str,
}

impl ProfileFile {
    /// The file `override_var` names, else `$HOME/{default_dir}/credentials`.
    pub fn new(override_var: &'static str, default_dir: &'static str) -> Self {
        Self {
            env: Environment::process(),
            explicit: None,
            override_var,
            default_dir,
        }
    }

    /// Reads this file instead.
    #[must_use]
    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.explicit = Some(path.into());
        self
    }

    /// Resolves the variable and `HOME` from the given environment.
    #[must_use]
    pub fn with_environment(mut self, env: Environment) -> Self {
        self.env = env;
        self
    }

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
    ///
    /// # Errors
    /// A file that must exist is missing, cannot be read, or is malformed (the error names
    /// the file and the line).
    pub fn read_section(&self, section: &str) -> Result<Option<ProfileSection>, CredentialsError> {
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
            .map(|s| ProfileSection {
                path,
                name: s.name,
                entries: s.entries,
            }))
    }

    /// The file and section, for a provider's `source_name`.
    pub fn describe(&self, section: &str) -> String {
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
