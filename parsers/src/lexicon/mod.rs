//! Data tables the parsers and PATCH normalization share: languages, countries, and the
//! vocabularies of the text extractor.

pub mod countries;
pub mod languages;

pub use countries::country_code;
pub use languages::language_name;
