//! Diesel table definitions, shared by the SQLite and PostgreSQL migrations (same columns, portable types).

diesel::table! {
    accounts (id) {
        id -> Text,
        name -> Text,
        created_at -> BigInt,
        // Migration 2026-11-30-000004: owner, claim state, origin.
        owner_email -> Nullable<Text>,
        owner_name -> Nullable<Text>,
        claimed -> Bool,
        origin -> Text,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        account_id -> Text,
        name -> Text,
        token_hash -> Text,
        preview -> Text,
        scopes -> Text,
        created_at -> BigInt,
        last_used_at -> Nullable<BigInt>,
        revoked_at -> Nullable<BigInt>,
        // Migration 2026-11-30-000004.
        expires_at -> Nullable<BigInt>,
        client_name -> Nullable<Text>,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        account_id -> Text,
        status -> Text,
        profile -> Text,
        fields -> Text,
        notes -> Text,
        import_format -> Text,
        external_id -> Nullable<Text>,
        idempotency_key -> Nullable<Text>,
        request_hash -> Nullable<Text>,
        raw_source -> Text,
        review_token -> Text,
        version -> BigInt,
        created_at -> BigInt,
        updated_at -> BigInt,
        published_at -> Nullable<BigInt>,
        closed_at -> Nullable<BigInt>,
    }
}

diesel::joinable!(api_tokens -> accounts (account_id));
diesel::joinable!(jobs -> accounts (account_id));
diesel::allow_tables_to_appear_in_same_query!(accounts, api_tokens, jobs);

// Lifecycle (migration 2026-11-22-000002): listing, tags, events, counters, reviews, reports.
// `job_search.tsv` (PostgreSQL only) and the SQLite `job_fts` table are read with raw SQL.

diesel::table! {
    job_search (job_id) {
        job_id -> Text,
        doc_id -> BigInt,
        account_id -> Text,
        title -> Text,
        body -> Text,
        published_at -> BigInt,
        updated_at -> BigInt,
        valid_until -> Nullable<BigInt>,
    }
}

diesel::table! {
    job_tags (kind, value, job_id) {
        job_id -> Text,
        kind -> Text,
        value -> Text,
        valid_until -> Nullable<BigInt>,
        // Migration 2026-11-22-000003: the listing's order keys, copied from job_search.
        published_at -> BigInt,
        doc_id -> BigInt,
    }
}

// Migration 2026-11-22-000003: listed jobs per (kind, value); ("", "") is the total.
diesel::table! {
    facet_counts (kind, value) {
        kind -> Text,
        value -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    job_events (id) {
        id -> Text,
        job_id -> Text,
        account_id -> Text,
        event_type -> Text,
        occurred_at -> BigInt,
    }
}

diesel::table! {
    rate_counters (bucket, window_start) {
        bucket -> Text,
        window_start -> BigInt,
        hits -> BigInt,
    }
}

diesel::table! {
    moderation_reviews (id) {
        id -> Text,
        job_id -> Text,
        account_id -> Text,
        reasons -> Text,
        created_at -> BigInt,
        resolved_at -> Nullable<BigInt>,
        resolution -> Nullable<Text>,
        resolution_reason -> Nullable<Text>,
    }
}

diesel::table! {
    job_reports (id) {
        id -> Text,
        job_id -> Text,
        account_id -> Text,
        token_id -> Text,
        reason -> Nullable<Text>,
        created_at -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    jobs,
    job_search,
    job_tags,
    job_events,
    moderation_reviews,
    job_reports
);

// Migration 2026-11-30-000004: the agent claim ceremony and expiring drafts.
diesel::table! {
    agent_claims (account_id) {
        account_id -> Text,
        claim_token_hash -> Text,
        claim_token_expires_at -> BigInt,
        email -> Nullable<Text>,
        user_code_hash -> Nullable<Text>,
        verification_hash -> Nullable<Text>,
        code_expires_at -> Nullable<BigInt>,
        failed_attempts -> BigInt,
        confirmed_at -> Nullable<BigInt>,
        delivered_at -> Nullable<BigInt>,
        last_polled_at -> Nullable<BigInt>,
        created_at -> BigInt,
    }
}

diesel::table! {
    draft_expiries (job_id) {
        job_id -> Text,
        expires_at -> BigInt,
    }
}

diesel::joinable!(agent_claims -> accounts (account_id));
diesel::allow_tables_to_appear_in_same_query!(accounts, agent_claims);
diesel::allow_tables_to_appear_in_same_query!(jobs, draft_expiries);

// Migration 2026-11-30-000005: the event outbox (the /updates ledger) and webhook deliveries.
diesel::table! {
    event_counters (account_id) {
        account_id -> Text,
        last_seq -> BigInt,
    }
}

diesel::table! {
    events (id) {
        id -> Text,
        account_id -> Text,
        seq -> BigInt,
        event_type -> Text,
        resource_id -> Text,
        job_id -> Nullable<Text>,
        data -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    webhooks (id) {
        id -> Text,
        account_id -> Text,
        url -> Text,
        event_types -> Text,
        secret -> Text,
        status -> Text,
        consecutive_failures -> BigInt,
        last_success_at -> Nullable<BigInt>,
        created_at -> BigInt,
        disabled_at -> Nullable<BigInt>,
        disabled_reason -> Nullable<Text>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        event_id -> Text,
        status -> Text,
        attempts -> BigInt,
        next_attempt_at -> BigInt,
        lease_owner -> Nullable<Text>,
        lease_until -> Nullable<BigInt>,
        last_status_code -> Nullable<BigInt>,
        last_error -> Nullable<Text>,
        last_attempt_at -> Nullable<BigInt>,
        delivered_at -> Nullable<BigInt>,
        created_at -> BigInt,
    }
}

diesel::table! {
    webhook_attempts (delivery_id, attempt) {
        delivery_id -> Text,
        attempt -> BigInt,
        attempted_at -> BigInt,
        status_code -> Nullable<BigInt>,
        error -> Nullable<Text>,
        duration_ms -> BigInt,
        worker -> Text,
    }
}

diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));
diesel::joinable!(webhook_deliveries -> events (event_id));
diesel::joinable!(webhook_attempts -> webhook_deliveries (delivery_id));
diesel::allow_tables_to_appear_in_same_query!(
    webhooks,
    webhook_deliveries,
    events,
    webhook_attempts
);

// Feed sync (migration 2026-11-30-000006).
diesel::table! {
    feeds (id) {
        id -> Text,
        account_id -> Text,
        url -> Text,
        format -> Text,
        interval_minutes -> BigInt,
        auto_publish -> Bool,
        etag -> Nullable<Text>,
        last_modified -> Nullable<Text>,
        next_run_at -> BigInt,
        lease_owner -> Nullable<Text>,
        lease_until -> Nullable<BigInt>,
        last_run_at -> Nullable<BigInt>,
        created_at -> BigInt,
    }
}

diesel::table! {
    feed_items (feed_id, external_id) {
        feed_id -> Text,
        external_id -> Text,
        job_id -> Text,
        content_hash -> Text,
        seen_run -> Text,
    }
}

diesel::table! {
    feed_runs (id) {
        id -> Text,
        feed_id -> Text,
        account_id -> Text,
        started_at -> BigInt,
        finished_at -> Nullable<BigInt>,
        outcome -> Text,
        created -> BigInt,
        updated -> BigInt,
        unchanged -> BigInt,
        closed -> BigInt,
        failed -> BigInt,
        failures -> Text,
        notes -> Text,
        error -> Nullable<Text>,
    }
}
