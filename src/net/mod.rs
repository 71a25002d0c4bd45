//! Outbound network policy shared by everything that fetches or delivers to a client-chosen URL.

pub mod ssrf;
