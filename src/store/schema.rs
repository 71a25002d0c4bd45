//! Diesel table definitions, shared by the SQLite and PostgreSQL migrations (same columns, portable types).

diesel::table! {
    accounts (id) {
        id -> Text,
        name -> Text,
        created_at -> BigInt,
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
