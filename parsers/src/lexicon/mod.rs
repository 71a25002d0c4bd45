//! Data tables the parsers and PATCH normalization share: languages, countries, places, and the
//! vocabularies of the text extractor (people, data, label types, tools, domains).

pub mod countries;
pub mod employers;
pub mod languages;
pub mod places;
pub mod work;

pub use countries::country_code;
pub use languages::language_name;
