//! `cchc explain CODE`: the long explanation of each code, kept as data in
//! `explanations.toml` beside this file so that writers can edit prose
//! without touching code.

use std::collections::BTreeMap;

use super::Code;
use crate::text::{Lang, Text};

const SOURCE: &str = include_str!("explanations.toml");

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    vi: String,
    en: String,
}

fn table() -> Result<BTreeMap<String, Entry>, toml::de::Error> {
    toml::from_str(SOURCE)
}

/// The explanation of `code` in `lang`, headed by its code and title.
pub fn explain(code: Code, lang: Lang) -> String {
    let body = table()
        .ok()
        .and_then(|mut t| t.remove(code.as_str()))
        .map(|e| Text::new(e.vi, e.en))
        .unwrap_or_default();
    let sev = code.default_severity().name();
    format!(
        "{} ({}): {}\n\n{}\n",
        code.as_str(),
        sev.get(lang),
        code.title().get(lang),
        body.get(lang).trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::is_nfc;

    #[test]
    fn every_code_has_an_explanation_in_both_languages_and_no_other() {
        let table = table().expect("explanations.toml parses");
        for code in Code::ALL {
            let e = table
                .get(code.as_str())
                .unwrap_or_else(|| panic!("no explanation for {}", code.as_str()));
            assert!(e.vi.trim().len() > 80, "{} vi too short", code.as_str());
            assert!(e.en.trim().len() > 80, "{} en too short", code.as_str());
            assert!(is_nfc(&e.vi), "{} vi not NFC", code.as_str());
        }
        for key in table.keys() {
            assert!(
                Code::parse(key).is_some(),
                "explanation for unknown code {key}"
            );
        }
    }
}
