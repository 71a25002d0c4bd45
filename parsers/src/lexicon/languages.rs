//! Human languages: English names, ISO 639-1/639-2/639-3 codes and common variants → the
//! English name. Programming languages are deliberately absent: they are never human languages.

use std::collections::HashMap;
use std::sync::LazyLock;

/// (English name, ISO 639-1 code or "", ISO 639-2/3 codes, other spellings in lowercase).
pub const LANGUAGES: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "English",
        "en",
        &["eng"],
        &[
            "english-language",
            "anglais",
            "inglés",
            "ingles",
            "inglês",
            "englisch",
        ],
    ),
    (
        "Spanish",
        "es",
        &["spa"],
        &[
            "castilian",
            "espanhol",
            "spanisch",
            "español",
            "espanol",
            "castellano",
            "spanish-language",
        ],
    ),
    (
        "French",
        "fr",
        &["fra", "fre"],
        &[
            "français",
            "francais",
            "french-language",
            "francês",
            "francés",
            "französisch",
        ],
    ),
    (
        "German",
        "de",
        &["deu", "ger"],
        &["deutsch", "alemão", "alemao", "alemán", "aleman"],
    ),
    (
        "Portuguese",
        "pt",
        &["por"],
        &[
            "português",
            "portugues",
            "portugués",
            "portugiesisch",
            "brazilian portuguese",
            "european portuguese",
        ],
    ),
    ("Italian", "it", &["ita"], &["italiano", "italienisch"]),
    (
        "Dutch",
        "nl",
        &["nld", "dut"],
        &["nederlands", "flemish", "vlaams"],
    ),
    (
        "Japanese",
        "ja",
        &["jpn"],
        &["日本語", "nihongo", "japonês", "japonés", "japanisch"],
    ),
    (
        "Chinese",
        "zh",
        &["zho", "chi"],
        &[
            "mandarin",
            "mandarin chinese",
            "putonghua",
            "中文",
            "simplified chinese",
            "traditional chinese",
        ],
    ),
    ("Cantonese", "", &["yue"], &[]),
    ("Korean", "ko", &["kor"], &["한국어"]),
    ("Hindi", "hi", &["hin"], &["हिन्दी"]),
    ("Arabic", "ar", &["ara"], &["العربية"]),
    ("Russian", "ru", &["rus"], &["русский"]),
    ("Tagalog", "tl", &["tgl"], &[]),
    ("Filipino", "fil", &["fil"], &["pilipino"]),
    ("Bengali", "bn", &["ben"], &["bangla"]),
    ("Urdu", "ur", &["urd"], &[]),
    ("Punjabi", "pa", &["pan"], &["panjabi"]),
    ("Marathi", "mr", &["mar"], &[]),
    ("Telugu", "te", &["tel"], &[]),
    ("Tamil", "ta", &["tam"], &[]),
    ("Gujarati", "gu", &["guj"], &[]),
    ("Kannada", "kn", &["kan"], &[]),
    ("Malayalam", "ml", &["mal"], &[]),
    ("Odia", "or", &["ori"], &["oriya"]),
    ("Assamese", "as", &["asm"], &[]),
    ("Nepali", "ne", &["nep"], &["nepalese"]),
    ("Sinhala", "si", &["sin"], &["sinhalese"]),
    ("Indonesian", "id", &["ind"], &["bahasa indonesia"]),
    (
        "Malay",
        "ms",
        &["msa", "may"],
        &["bahasa melayu", "bahasa malaysia"],
    ),
    ("Javanese", "jv", &["jav"], &[]),
    ("Sundanese", "su", &["sun"], &[]),
    ("Vietnamese", "vi", &["vie"], &["tiếng việt"]),
    ("Thai", "th", &["tha"], &[]),
    ("Lao", "lo", &["lao"], &["laotian"]),
    ("Khmer", "km", &["khm"], &["cambodian"]),
    ("Burmese", "my", &["mya", "bur"], &["myanmar language"]),
    ("Turkish", "tr", &["tur"], &["türkçe"]),
    ("Persian", "fa", &["fas", "per"], &["farsi"]),
    ("Dari", "", &["prs"], &[]),
    ("Pashto", "ps", &["pus"], &["pashtu"]),
    ("Kurdish", "ku", &["kur"], &["kurmanji", "sorani"]),
    ("Hebrew", "he", &["heb"], &["ivrit"]),
    ("Greek", "el", &["ell", "gre"], &[]),
    ("Polish", "pl", &["pol"], &["polski"]),
    ("Ukrainian", "uk", &["ukr"], &[]),
    ("Czech", "cs", &["ces", "cze"], &[]),
    ("Slovak", "sk", &["slk", "slo"], &[]),
    ("Hungarian", "hu", &["hun"], &["magyar"]),
    ("Romanian", "ro", &["ron", "rum"], &["moldovan"]),
    ("Bulgarian", "bg", &["bul"], &[]),
    ("Serbian", "sr", &["srp"], &[]),
    ("Croatian", "hr", &["hrv"], &[]),
    ("Bosnian", "bs", &["bos"], &[]),
    ("Slovenian", "sl", &["slv"], &["slovene"]),
    ("Macedonian", "mk", &["mkd", "mac"], &[]),
    ("Albanian", "sq", &["sqi", "alb"], &[]),
    ("Lithuanian", "lt", &["lit"], &[]),
    ("Latvian", "lv", &["lav"], &["lettish"]),
    ("Estonian", "et", &["est"], &[]),
    ("Finnish", "fi", &["fin"], &["suomi"]),
    ("Swedish", "sv", &["swe"], &["svenska"]),
    (
        "Norwegian",
        "no",
        &["nor"],
        &["norsk", "bokmål", "bokmal", "nynorsk"],
    ),
    ("Danish", "da", &["dan"], &["dansk"]),
    ("Icelandic", "is", &["isl", "ice"], &[]),
    ("Irish", "ga", &["gle"], &["irish gaelic"]),
    ("Scottish Gaelic", "gd", &["gla"], &["gaelic"]),
    ("Welsh", "cy", &["cym", "wel"], &[]),
    ("Catalan", "ca", &["cat"], &["valencian"]),
    ("Basque", "eu", &["eus", "baq"], &["euskara"]),
    ("Galician", "gl", &["glg"], &[]),
    ("Armenian", "hy", &["hye", "arm"], &[]),
    ("Georgian", "ka", &["kat", "geo"], &[]),
    ("Azerbaijani", "az", &["aze"], &["azeri"]),
    ("Kazakh", "kk", &["kaz"], &[]),
    ("Uzbek", "uz", &["uzb"], &[]),
    ("Kyrgyz", "ky", &["kir"], &["kirghiz"]),
    ("Tajik", "tg", &["tgk"], &[]),
    ("Turkmen", "tk", &["tuk"], &[]),
    ("Mongolian", "mn", &["mon"], &[]),
    ("Tibetan", "bo", &["bod", "tib"], &[]),
    ("Swahili", "sw", &["swa"], &["kiswahili"]),
    ("Amharic", "am", &["amh"], &[]),
    ("Tigrinya", "ti", &["tir"], &[]),
    ("Somali", "so", &["som"], &[]),
    ("Oromo", "om", &["orm"], &["afaan oromo"]),
    ("Hausa", "ha", &["hau"], &[]),
    ("Yoruba", "yo", &["yor"], &[]),
    ("Igbo", "ig", &["ibo"], &[]),
    ("Zulu", "zu", &["zul"], &["isizulu"]),
    ("Xhosa", "xh", &["xho"], &["isixhosa"]),
    ("Afrikaans", "af", &["afr"], &[]),
    ("Shona", "sn", &["sna"], &[]),
    ("Kinyarwanda", "rw", &["kin"], &[]),
    ("Malagasy", "mg", &["mlg"], &[]),
    ("Wolof", "wo", &["wol"], &[]),
    ("Lingala", "ln", &["lin"], &[]),
    ("Twi", "tw", &["twi"], &["akan"]),
    (
        "Haitian Creole",
        "ht",
        &["hat"],
        &["haitian", "kreyòl", "kreyol"],
    ),
    ("Maltese", "mt", &["mlt"], &[]),
    ("Luxembourgish", "lb", &["ltz"], &[]),
    ("Latin", "la", &["lat"], &[]),
    ("Esperanto", "eo", &["epo"], &[]),
    ("Hawaiian", "", &["haw"], &[]),
    (
        "Maori",
        "mi",
        &["mri", "mao"],
        &["māori", "te reo māori", "te reo maori"],
    ),
    ("Samoan", "sm", &["smo"], &[]),
    ("Fijian", "fj", &["fij"], &[]),
    ("Cebuano", "", &["ceb"], &["bisaya", "visayan"]),
    ("Ilocano", "", &["ilo"], &["ilokano"]),
    ("Hmong", "", &["hmn"], &[]),
    ("Quechua", "qu", &["que"], &[]),
    ("Guarani", "gn", &["grn"], &["guaraní"]),
    ("Yiddish", "yi", &["yid"], &[]),
    ("Sindhi", "sd", &["snd"], &[]),
    ("American Sign Language", "", &["ase"], &["asl"]),
    ("British Sign Language", "", &["bfi"], &["bsl"]),
];

static BY_KEY: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::with_capacity(LANGUAGES.len() * 4);
    for (name, code, codes, variants) in LANGUAGES {
        map.insert(name.to_lowercase(), *name);
        if !code.is_empty() {
            map.insert((*code).to_string(), *name);
        }
        for c in *codes {
            map.insert((*c).to_string(), *name);
        }
        for v in *variants {
            map.insert((*v).to_string(), *name);
        }
    }
    map
});

/// The English name for a language name, ISO 639-1/639-2 code, locale tag ("pt-BR") or variant;
/// `None` if unknown.
pub fn language_name(input: &str) -> Option<&'static str> {
    let key = input.trim().to_lowercase();
    if let Some(name) = BY_KEY.get(&key) {
        return Some(name);
    }
    let base = key.split(['-', '_']).next().unwrap_or_default();
    if base.len() >= 2 && base.len() <= 3 && base != key {
        return BY_KEY.get(base).copied();
    }
    None
}

/// Names and long variants (lowercase) for the text gazetteer: codes are left out, since in
/// prose "it", "no" or "as" are words.
pub fn name_forms() -> impl Iterator<Item = (String, &'static str)> {
    LANGUAGES.iter().flat_map(|(name, _, _, variants)| {
        std::iter::once((name.to_lowercase(), *name)).chain(
            variants
                .iter()
                .filter(|v| v.len() > 3)
                .map(move |v| ((*v).to_string(), *name)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_codes_and_variants_resolve() {
        assert!(LANGUAGES.len() >= 80);
        assert_eq!(language_name("es"), Some("Spanish"));
        assert_eq!(language_name("ger"), Some("German"));
        assert_eq!(language_name("pt-BR"), Some("Portuguese"));
        assert_eq!(language_name("Brazilian Portuguese"), Some("Portuguese"));
        assert_eq!(language_name("farsi"), Some("Persian"));
        assert_eq!(language_name("Python"), None);
        assert_eq!(language_name("go"), None);
    }
}
