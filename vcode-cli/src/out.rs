//! Standard output that a closed pipe ends quietly (`vcode ... | head -1`): Rust's `println!`
//! panics when the reader has gone, which a command line tool must not do.

use std::io::Write;

/// Writes one line to standard output; a reader that has gone (a broken pipe) ends the
/// output quietly, as other command line tools do.
pub(crate) fn print_line(line: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{line}").and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        // Nowhere left to say it but standard error; the exit code stays the command's.
        let _ = writeln!(std::io::stderr(), "error: cannot write the output: {e}");
    }
}

/// Writes `bytes` to standard output as they are, with the same rule.
pub(crate) fn print_bytes(bytes: &[u8]) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        let _ = writeln!(std::io::stderr(), "error: cannot write the output: {e}");
    }
}
