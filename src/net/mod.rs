//! Requests the server makes to addresses users chose (webhook deliveries, feed fetches): the
//! SSRF guard's address rules, the guarded HTTP client, and Standard Webhooks signing.

pub mod client;
pub mod signing;
pub mod ssrf;
