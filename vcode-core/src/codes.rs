//! One way to map a vendor's codes to an operation's error enum.

/// How an operation's error enum maps the vendor's codes, the same way for every operation: a
/// table of the codes the operation documents (the code, its error, what it means), and a
/// fallback for any other code (a sub-code of a known group kept in that group's `Other`, a
/// code every operation of the family can answer, or `Unknown`, kept as received).
///
/// The table is the operation's documentation in one place: the sandbox answers its codes,
/// tests walk it, and `Display` prints its descriptions.
///
/// ```
/// use vcode_core::VendorCode;
///
/// #[derive(Clone, Debug, PartialEq)]
/// enum SendError {
///     TooOften,
///     Unknown(String),
/// }
///
/// impl VendorCode for SendError {
///     const DOCUMENTED: &'static [(&'static str, Self, &'static str)] =
///         &[("Send.TooOften", SendError::TooOften, "codes were sent too often")];
///
///     fn undocumented(code: &str) -> Self {
///         SendError::Unknown(code.to_owned())
///     }
///
///     fn undocumented_code(&self) -> &str {
///         match self {
///             SendError::Unknown(code) => code,
///             SendError::TooOften => "",
///         }
///     }
/// }
///
/// assert_eq!(SendError::from_code("Send.TooOften"), SendError::TooOften);
/// assert_eq!(SendError::TooOften.code(), "Send.TooOften");
/// assert_eq!(SendError::from_code("New").code(), "New");
/// assert_eq!(SendError::documented_codes().collect::<Vec<_>>(), ["Send.TooOften"]);
/// ```
pub trait VendorCode: Clone + PartialEq + Sized + 'static {
    /// The codes the operation documents: the vendor's code, its error, and what it means.
    const DOCUMENTED: &'static [(&'static str, Self, &'static str)];

    /// The error of a code the table does not hold.
    fn undocumented(code: &str) -> Self;

    /// The code of an error the table does not hold: as received, or the family's own code.
    fn undocumented_code(&self) -> &str;

    /// The error of a vendor code.
    fn from_code(code: &str) -> Self {
        Self::DOCUMENTED
            .iter()
            .find(|(documented, _, _)| *documented == code)
            .map_or_else(|| Self::undocumented(code), |(_, error, _)| error.clone())
    }

    /// The vendor's code of this error.
    fn code(&self) -> &str {
        Self::DOCUMENTED
            .iter()
            .find(|(_, error, _)| error == self)
            .map_or_else(|| self.undocumented_code(), |(code, _, _)| code)
    }

    /// What the error's documented code means; `None` for a code the table does not hold.
    fn description(&self) -> Option<&'static str> {
        Self::DOCUMENTED
            .iter()
            .find(|(_, error, _)| error == self)
            .map(|(_, _, description)| *description)
    }

    /// Every code the operation documents.
    fn documented_codes() -> impl Iterator<Item = &'static str> {
        Self::DOCUMENTED.iter().map(|(code, _, _)| *code)
    }

    /// Writes what the error means, for its `Display`: the table's description; for a code
    /// the table does not hold, `fallback` (the family's common error it was recognised as, or
    /// a group's meaning), else "unrecognised error code".
    fn describe(
        &self,
        f: &mut std::fmt::Formatter<'_>,
        fallback: Option<&dyn std::fmt::Display>,
    ) -> std::fmt::Result {
        match (self.description(), fallback) {
            (Some(description), _) => f.write_str(description),
            (None, Some(fallback)) => fallback.fmt(f),
            (None, None) => f.write_str("unrecognised error code"),
        }
    }
}
