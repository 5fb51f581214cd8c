//! `--format github`: GitHub Actions workflow commands
//! (`::error file=..,line=..,col=..,title=..::message`), one per finding,
//! then the plain summary (GitHub shows only the first annotations of a
//! step, the log keeps everything).

use terrace_lint::report::Report;

use super::{message, summary};

/// Escapes the message of a workflow command (`%`, `\r`, `\n`), as
/// `@actions/core` does.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command: the message escapes plus
/// `:` and `,`, which separate properties.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(level: &str, file: &str, line: u32, column: u32, title: &str, text: &str) -> String {
    format!(
        "::{level} file={},line={line},col={column},title={}::{}\n",
        escape_property(file),
        escape_property(title),
        escape_data(text)
    )
}

/// Renders a report as workflow commands followed by the summary. `prefix`
/// is the workspace root relative to the repository root (`""` or ending
/// in `/`), so that annotations land on the files of the pull request.
pub fn github(prefix: &str, report: &Report) -> String {
    let mut out = String::new();
    for v in &report.violations {
        let mut text = message(v);
        if v.chain.len() > 1 {
            for (i, l) in v.chain.iter().enumerate() {
                text.push_str(&format!(
                    "\n  {}. `{}` imports `{}` at {prefix}{}:{}:{}",
                    i + 1,
                    l.importer,
                    l.imported,
                    l.file,
                    l.line,
                    l.column
                ));
            }
        }
        if let Some(reason) = &v.reason {
            text.push_str(&format!("\nnote: {reason}"));
        }
        if let Some(help) = &v.help {
            text.push_str(&format!("\nhelp: {help}"));
        }
        let level = if v.warning { "warning" } else { "error" };
        let title = format!("terrace {} ({})", v.code.as_str(), v.contract);
        out.push_str(&command(
            level,
            &format!("{prefix}{}", v.file),
            v.line,
            v.column,
            &title,
            &text,
        ));
    }
    for e in &report.errors {
        out.push_str(&command(
            "error",
            &format!("{prefix}{}", e.file),
            e.line,
            e.column,
            "terrace parse-error",
            &format!("cannot check `{}`: {}", e.file, e.message),
        ));
    }
    out.push_str(&summary(report));
    out
}

#[cfg(test)]
mod tests {
    use super::{command, escape_data, escape_property};

    #[test]
    fn data_and_properties_are_escaped_like_actions_core() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\nd"), "a%3Ab%2Cc%25%0Ad".to_owned());
        assert_eq!(
            command("error", "src/a,b:c.rs", 3, 5, "t: x", "one\ntwo"),
            "::error file=src/a%2Cb%3Ac.rs,line=3,col=5,title=t%3A x::one%0Atwo\n"
        );
    }
}
