//! `jobdraft accounts list|show|claim`, run as an operator would: an agent registered and waits
//! on its claim; the operator claims the account by hand, and the agent's next poll is answered.

mod common;

use common::jobdraft;

use std::process::Output;

use jobdraft::domain::claim::{hash_secret, poll, PollAnswer};
use jobdraft::store::accounts::{self, Account, ORIGIN_REGISTRATION};
use jobdraft::store::claims::{self, AgentClaim};
use jobdraft::store::{now_ms, Store};

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn operators_list_show_and_claim_accounts() {
    let dir = std::env::temp_dir().join(format!("jobdraft_cli_accounts_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let db = format!("sqlite://{}", dir.join("cli.db").display());
    let store = Store::open(&db, 1).expect("open");
    store.migrate().expect("migrate");
    let mut conn = store.conn().expect("conn");
    let now = now_ms();
    let agent = Account::new("agent-cli-test", ORIGIN_REGISTRATION, false, now);
    accounts::insert(&mut conn, &agent).expect("account");
    let ceremony = AgentClaim::new(&agent.id, hash_secret("jd_clm_x"), now + 86_400_000, now);
    claims::insert(&mut conn, &ceremony).expect("claim");
    drop(conn);

    let list = stdout(&jobdraft(&["accounts", "list"], &db));
    assert!(
        list.contains("agent-cli-test") && list.contains("registration"),
        "{list}"
    );
    let show = stdout(&jobdraft(&["accounts", "show", "agent-cli-test"], &db));
    assert!(show.contains("claimed:  false"), "{show}");

    let bad = jobdraft(
        &["accounts", "claim", "agent-cli-test", "--email", "nope"],
        &db,
    );
    assert!(!bad.status.success());
    let out = stdout(&jobdraft(
        &[
            "accounts",
            "claim",
            &agent.id,
            "--email",
            "Ops@Example.com",
            "--name",
            "Ops Person",
        ],
        &db,
    ));
    assert!(out.contains("claimed by ops@example.com"), "{out}");
    let again = jobdraft(
        &[
            "accounts",
            "claim",
            "agent-cli-test",
            "--email",
            "ops@example.com",
        ],
        &db,
    );
    assert!(
        !again.status.success(),
        "a claimed account is not claimed twice"
    );
    let missing = jobdraft(&["accounts", "show", "nobody"], &db);
    assert!(!missing.status.success());

    let mut conn = store.conn().expect("conn");
    let claimed = accounts::find(&mut conn, &agent.id).expect("account");
    assert!(claimed.claimed);
    assert_eq!(claimed.owner_email.as_deref(), Some("ops@example.com"));
    assert_eq!(claimed.owner_name.as_deref(), Some("Ops Person"));
    let ceremony = claims::find_for_account(&mut conn, &agent.id)
        .expect("read")
        .expect("row");
    assert_eq!(poll(&ceremony.state(), now_ms()), PollAnswer::Deliver);
    let _ = std::fs::remove_dir_all(&dir);
}
