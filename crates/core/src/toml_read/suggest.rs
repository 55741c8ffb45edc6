//! "Did you mean": the known word closest to a typo.

/// The known word closest to `word`, if it is close enough to be a typo.
pub fn suggest<'k>(word: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let lower = word.to_lowercase();
    known
        .map(|k| (strsim::jaro_winkler(&lower, &k.to_lowercase()), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["criterion", "score", "evidence", "explanation"];
        assert_eq!(suggest("scroe", keys.iter().copied()), Some("score"));
        assert_eq!(
            suggest("Criterion", keys.iter().copied()),
            Some("criterion")
        );
        assert_eq!(suggest("zzz", keys.iter().copied()), None);
    }
}
