//! Profile files: small INI documents under the home directory (or where a variable points),
//! read into sections of `key = value` entries.
//!
//! The parser is hand-written because errors must name the file and the line, which the INI
//! crates do not report.

use std::path::{Path, PathBuf};

use super::Environment;
use crate::error::{CredentialsError, CredentialsErrorKind};

/// One `[section]` of an INI file: its keys (lower-cased) and values.
#[derive(Clone)]
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

/// Parses a profile file as Python's `configparser` does with its defaults, which both
/// vendors' official SDKs and CLIs read these files with: option names are case-insensitive
/// (kept lower-cased), `=` or `:` separates a name from its value (the first of either),
/// whole-line comments start with `#` or `;`, an indented line continues the previous value,
/// a section or an option given twice in one section is an error, and `[DEFAULT]`'s options
/// apply to every section that does not set them. Errors name the line.
fn parse_ini(text: &str, path: &Path) -> Result<Vec<Section>, CredentialsError> {
    let mut sections: Vec<Section> = Vec::new();
    // The (section, entry) a continuation line extends.
    let mut last_entry: Option<(usize, usize)> = None;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            // configparser keeps empty lines inside a value; a credential never has one.
            last_entry = None;
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        if let (true, Some((section, entry))) = (indented, last_entry) {
            let value = &mut sections[section].entries[entry].1;
            value.push('\n');
            value.push_str(line);
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
            if sections.iter().any(|s| s.name == name) {
                return Err(file_error(
                    path,
                    format_args!("line {line_no}: section [{name}] is given twice"),
                ));
            }
            sections.push(Section {
                name: name.to_owned(),
                entries: Vec::new(),
            });
            last_entry = None;
            continue;
        }
        let Some(at) = line.find(['=', ':']) else {
            return Err(file_error(
                path,
                format_args!("line {line_no}: expected `key = value`, `key: value` or `[section]`"),
            ));
        };
        let (key, value) = (line[..at].trim().to_lowercase(), line[at + 1..].trim());
        let Some(section_index) = sections.len().checked_sub(1) else {
            return Err(file_error(
                path,
                format_args!("line {line_no}: `{key}` is outside any [section]"),
            ));
        };
        let section = &mut sections[section_index];
        if section.entries.iter().any(|(k, _)| *k == key) {
            return Err(file_error(
                path,
                format_args!(
                    "line {line_no}: `{key}` is given twice in section [{}]",
                    section.name
                ),
            ));
        }
        section.entries.push((key, value.to_owned()));
        last_entry = Some((section_index, section.entries.len() - 1));
    }
    // `[DEFAULT]` supplies what a section leaves unset.
    if let Some(defaults) = sections.iter().find(|s| s.name == "DEFAULT").cloned() {
        for section in sections.iter_mut().filter(|s| s.name != "DEFAULT") {
            for (key, value) in &defaults.entries {
                if !section.entries.iter().any(|(k, _)| k == key) {
                    section.entries.push((key.clone(), value.clone()));
                }
            }
        }
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
    /// A key's value (names are case-insensitive, as `configparser` reads them), when not
    /// empty.
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

/// A key's value (names are case-insensitive), when not empty.
fn value<'a>(entries: &'a [(String, String)], key: &str) -> Option<&'a str> {
    entries
        .iter()
        .find(|(k, v)| k.eq_ignore_ascii_case(key) && !v.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Section>, CredentialsError> {
        parse_ini(text, Path::new("credentials"))
    }

    fn get<'a>(sections: &'a [Section], section: &str, key: &str) -> Option<&'a str> {
        let section = sections.iter().find(|s| s.name == section)?;
        value(&section.entries, key)
    }

    /// The spellings the official SDKs' `configparser` reads: any case of the names, `:` as
    /// well as `=`, comments, continuation lines, `[DEFAULT]`.
    #[test]
    fn configparser_spellings_are_read() {
        let text = [
            "# the official CLI's file",
            "[DEFAULT]",
            "region = ap-singapore",
            "[default]",
            "SECRET_ID = AKIDexample",
            "Secret_Key: key-one",
            "; a comment",
            "[other]",
            "secret_id=AKIDother",
            "secret_key =  long",
            "  continued",
        ]
        .join("\n");
        let sections = parse(&text).expect("parses");
        assert_eq!(get(&sections, "default", "secret_id"), Some("AKIDexample"));
        assert_eq!(get(&sections, "default", "SECRET_KEY"), Some("key-one"));
        assert_eq!(get(&sections, "default", "region"), Some("ap-singapore"));
        assert_eq!(
            get(&sections, "other", "secret_key"),
            Some("long\ncontinued")
        );
        assert_eq!(get(&sections, "other", "region"), Some("ap-singapore"));
    }

    /// configparser's strict mode: what it refuses is refused here too, naming the line.
    #[test]
    fn configparser_refusals_name_the_line() {
        for (text, line) in [
            ("[a]\nk = 1\nK = 2\n", "line 3"),
            ("[a]\n[a]\n", "line 2"),
            ("k = 1\n", "line 1"),
            ("[a]\njust words\n", "line 2"),
            ("[a\n", "line 1"),
        ] {
            let err = parse(text)
                .err()
                .unwrap_or_else(|| panic!("{text:?} parsed"));
            assert!(err.to_string().contains(line), "{text:?}: {err}");
        }
    }
}
