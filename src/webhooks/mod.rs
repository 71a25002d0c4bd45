//! Webhook delivery: the event body (shared with the `/updates` ledger), one signed attempt over
//! the guarded client, and the worker inside `serve` that claims due deliveries and records
//! what each attempt came to.

pub mod payload;
pub mod send;
pub mod worker;
