//! Turns diagnostics into the three output formats: `human` (like rustc),
//! `json` (one object per problem) and `github` (workflow annotations).

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use super::{Diagnostic, Severity};
use crate::source::{SourceDb, SourceFile, Span};
use crate::text::{Lang, StaticText, visible};
use crate::tr;

/// The names of a hint and a note's place, as the terminal shows them.
const HELP: StaticText = StaticText {
    vi: "gợi ý",
    en: "help",
};
const SEE: StaticText = StaticText {
    vi: "xem",
    en: "see",
};
/// A hint's name in a GitHub annotation.
const HINT: StaticText = StaticText {
    vi: "Gợi ý",
    en: "Hint",
};

/// The output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Text for a person, with the source line and a caret.
    #[default]
    Human,
    /// A JSON array, one object per diagnostic.
    Json,
    /// GitHub Actions workflow commands (`::error file=…`), shown as annotations.
    Github,
}

/// What was checked, for the closing line of the human format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// How many files were checked.
    pub files: usize,
}

/// Renders `diags` (already sorted) in `format`.
pub fn render(
    diags: &[Diagnostic],
    db: &SourceDb,
    format: Format,
    lang: Lang,
    color: bool,
    summary: Summary,
) -> String {
    match format {
        Format::Human => human(diags, db, lang, color, summary),
        Format::Json => json(diags, db, lang),
        Format::Github => github(diags, db, lang),
    }
}

/// The 1-based line and column of the start and end of a span, when the file
/// is known.
fn positions(db: &SourceDb, span: &Span) -> Option<(usize, usize, usize, usize)> {
    if is_file_level(span) {
        return None;
    }
    let file = db.get(&span.file)?;
    let start = file.line_col(span.range.start);
    let end = file.line_col(span.range.end);
    Some((start.line, start.column, end.line, end.column))
}

fn level(severity: Severity, lang: Lang) -> Level<'static> {
    let base = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    base.with_name(severity.name().get(lang))
}

/// A span of 0..0 speaks of a whole file, not a place in it.
fn is_file_level(span: &Span) -> bool {
    span.range == (0..0)
}

/// The lines of `file` that `ranges` touch, as (first line number, text, the
/// offset the text starts at). Rendering only these keeps the cost of a
/// diagnostic independent of the file's size.
fn excerpt<'a>(file: &'a SourceFile, ranges: &[Range<usize>]) -> (usize, &'a str, usize) {
    let text = &file.text;
    let lo = ranges.iter().map(|r| r.start).min().unwrap_or(0);
    let hi = ranges.iter().map(|r| r.end).max().unwrap_or(0);
    let span = file.clamp(&(lo..hi));
    let start = text
        .get(..span.start)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(span.end..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |i| span.end + i);
    let line = file.line_col(start).line;
    (line, text.get(start..end).unwrap_or(""), start)
}

fn human_one(d: &Diagnostic, db: &SourceDb, lang: Lang) -> Vec<Group<'static>> {
    let title = level(d.severity, lang)
        .primary_title(d.message.get(lang).to_owned())
        .id(d.code.as_str());
    let mut group = Group::with_title(title);
    let label = d.label.as_ref().map(|l| l.get(lang).to_owned());
    match db.get(&d.span.file) {
        Some(file) if !is_file_level(&d.span) => {
            let mut same_file: Vec<&(Span, crate::text::Text)> = Vec::new();
            let mut elsewhere = Vec::new();
            for r in &d.related {
                if r.0.file == d.span.file && db.get(&r.0.file).is_some() {
                    same_file.push(r);
                } else {
                    elsewhere.push(r);
                }
            }
            let primary = file.clamp(&d.span.range);
            let mut ranges = vec![primary.clone()];
            ranges.extend(same_file.iter().map(|r| file.clamp(&r.0.range)));
            let (line, text, base) = excerpt(file, &ranges);
            let mut snippet = Snippet::source(text.to_owned())
                .line_start(line)
                .path(visible(&d.span.file))
                .fold(true);
            let shift = |r: &Range<usize>| r.start - base..r.end - base;
            snippet = snippet.annotation(
                AnnotationKind::Primary
                    .span(shift(&primary))
                    .label(label.clone()),
            );
            for (r, (_, note)) in ranges.iter().skip(1).zip(&same_file) {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(shift(r))
                        .label(note.get(lang).to_owned()),
                );
            }
            group = group.element(snippet);
            for (span, note) in elsewhere {
                group = group.element(related_elsewhere(span, note.get(lang), db, lang));
            }
        }
        // A problem of no file (the pull request's branch) names none.
        _ if d.span.file.is_empty() => {}
        _ => {
            group = group.element(Origin::path(visible(&d.span.file)));
            for (span, note) in &d.related {
                group = group.element(related_elsewhere(span, note.get(lang), db, lang));
            }
        }
    }
    if let Some(hint) = &d.hint {
        group = group.element(
            Level::HELP
                .with_name(HELP.get(lang))
                .message(hint.get(lang).to_owned()),
        );
    }
    vec![group]
}

/// A note pointing into another file: "see content/…:12:3: first defined here".
fn related_elsewhere(
    span: &Span,
    note: &str,
    db: &SourceDb,
    lang: Lang,
) -> annotate_snippets::Message<'static> {
    let place = match positions(db, span) {
        Some((l, c, _, _)) => format!("{}:{l}:{c}", visible(&span.file)),
        None => visible(&span.file),
    };
    let name = SEE.get(lang);
    Level::NOTE
        .with_name(name)
        .message(format!("{place}: {note}"))
}

fn human(diags: &[Diagnostic], db: &SourceDb, lang: Lang, color: bool, s: Summary) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diags {
        out.push_str(&renderer.render(&human_one(d, db, lang)));
        out.push_str("\n\n");
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    let line = match (errors, warnings) {
        (0, 0) => tr!(
            "Đã kiểm tra {} tệp: không có lỗi.",
            "Checked {} files: no problems.",
            s.files
        ),
        (0, w) => tr!(
            "Đã kiểm tra {} tệp: không có lỗi, {} cảnh báo.",
            "Checked {} files: no errors, {} warning(s).",
            s.files,
            w
        ),
        (e, w) => tr!(
            "Đã kiểm tra {} tệp: {} lỗi, {} cảnh báo. Sửa các lỗi trên rồi chạy lại; `cchc explain MÃ` giải thích từng mã lỗi.",
            "Checked {} files: {} error(s), {} warning(s). Fix the errors above and run again; `cchc explain CODE` explains each code.",
            s.files,
            e,
            w
        ),
    };
    out.push_str(line.get(lang));
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: Severity,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

fn json(diags: &[Diagnostic], db: &SourceDb, lang: Lang) -> String {
    let mut out = String::from("[");
    for (i, d) in diags.iter().enumerate() {
        let pos = positions(db, &d.span);
        let item = JsonDiagnostic {
            code: d.code.as_str(),
            severity: d.severity,
            file: &d.span.file,
            line: pos.map(|p| p.0),
            column: pos.map(|p| p.1),
            end_line: pos.map(|p| p.2),
            end_column: pos.map(|p| p.3),
            message: d.message.get(lang),
            hint: d.hint.as_ref().map(|h| h.get(lang)),
        };
        out.push_str(if i == 0 { "\n  " } else { ",\n  " });
        // Serialising plain strings and numbers cannot fail.
        out.push_str(&serde_json::to_string(&item).unwrap_or_default());
    }
    out.push_str(if diags.is_empty() { "]\n" } else { "\n]\n" });
    out
}

/// Escapes the message part of a workflow command; other control
/// characters, which GitHub's log would pass to the viewer, are shown
/// escaped.
fn escape_data(s: &str) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    visible(&s)
}

/// Escapes a property of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(diags: &[Diagnostic], db: &SourceDb, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // A problem of no file (the pull request's branch) is an annotation
        // of the run, not of a file.
        let mut props = if d.span.file.is_empty() {
            String::new()
        } else {
            format!("file={},", escape_property(&d.span.file))
        };
        if let Some((l, c, el, ec)) = positions(db, &d.span) {
            let _ = write!(props, "line={l},col={c},");
            if el == l {
                let _ = write!(props, "endColumn={ec},");
            } else {
                let _ = write!(props, "endLine={el},");
            }
        }
        let title = format!("{} {}", d.code.as_str(), d.code.title().get(lang));
        let _ = write!(props, "title={}", escape_property(&title));
        let mut message = d.message.get(lang).to_owned();
        if let Some(h) = &d.hint {
            let _ = write!(message, "\n{}: {}", HINT.get(lang), h.get(lang));
        }
        let _ = writeln!(out, "::{kind} {props}::{}", escape_data(&message));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_newlines_and_separators() {
        assert_eq!(escape_data("a\nb%"), "a%0Ab%25");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn github_shows_other_control_characters_escaped() {
        // An escape sequence in a file name must not reach the log viewer raw.
        assert_eq!(escape_data("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_property("x\ty:z"), "x\\ty%3Az");
    }

    #[test]
    fn github_shows_format_characters_escaped() {
        // A right-to-left override, a zero-width space, a BOM, an isolate and
        // a line separator, in a message and in a file name.
        let hidden = "a\u{202e}b\u{200b}c\u{feff}d\u{2066}e\u{2028}f";
        let shown = "a\\u{202e}b\\u{200b}c\\u{feff}d\\u{2066}e\\u{2028}f";
        assert_eq!(escape_data(hidden), shown);
        assert_eq!(escape_property(hidden), shown);
        let path: std::sync::Arc<str> = format!("submissions/{hidden}.toml").into();
        let d = Diagnostic::new(
            super::super::Code::E103,
            Span::file(&path),
            crate::text::Text::new(hidden, hidden),
        );
        let out = render(
            &[d],
            &SourceDb::default(),
            Format::Github,
            Lang::Vi,
            false,
            Summary::default(),
        );
        assert!(
            !out.chars().any(|c| c != '\n' && crate::text::is_hidden(c)),
            "{out:?}"
        );
        assert!(
            out.starts_with(&format!("::error file=submissions/{shown}.toml,")),
            "{out}"
        );
        assert!(out.ends_with(&format!("::{shown}\n")), "{out}");
    }
}
