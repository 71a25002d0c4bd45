//! Human languages: English names, ISO 639-1 codes and common variants → the English name.

/// (English name, ISO 639-1 code, other accepted spellings, lowercase).
const LANGUAGES: &[(&str, &str, &[&str])] = &[
    ("English", "en", &["eng", "english-language"]),
    ("Spanish", "es", &["spa", "castilian", "español", "espanol"]),
    ("French", "fr", &["fra", "fre", "français", "francais"]),
    ("German", "de", &["deu", "ger", "deutsch"]),
    (
        "Portuguese",
        "pt",
        &["por", "brazilian portuguese", "português", "portugues"],
    ),
    ("Italian", "it", &["ita", "italiano"]),
    ("Dutch", "nl", &["nld", "dut", "flemish", "nederlands"]),
    ("Japanese", "ja", &["jpn", "日本語"]),
    (
        "Chinese",
        "zh",
        &["zho", "chi", "mandarin", "mandarin chinese", "cantonese"],
    ),
    ("Korean", "ko", &["kor", "한국어"]),
    ("Hindi", "hi", &["hin"]),
    ("Arabic", "ar", &["ara"]),
    ("Russian", "ru", &["rus"]),
    ("Tagalog", "tl", &["tgl", "filipino"]),
];

/// The English name for a language name, ISO 639-1/639-2 code or variant; `None` if unknown.
pub fn language_name(input: &str) -> Option<&'static str> {
    let key = input.trim().to_lowercase();
    LANGUAGES
        .iter()
        .find(|(name, code, variants)| {
            name.to_lowercase() == key || *code == key || variants.contains(&key.as_str())
        })
        .map(|(name, _, _)| *name)
}
