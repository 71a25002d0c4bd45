//! jobdraft: the service (being built).
