//! Group commit for SQLite's single writer: concurrent writes queue up, and whichever caller
//! finds no batch running leads the next one: it runs every queued write in one transaction,
//! each in its own savepoint. N concurrent creates then cost one commit instead of N, and every
//! caller still returns only once the transaction holding its write has committed (or with the
//! error that stopped it).
//!
//! There is no writer thread: callers lead in turn. The others wait on a condition variable, not
//! on the writer lock: when a batch ends its leader marks every ticket of it and wakes them all at
//! once, so finished callers return together and the next leader starts at once. (Waiting on the
//! writer lock made each finished caller take and release it in turn just to read its ticket, a
//! convoy that held the next batch back.) A write that fails rolls back to its savepoint and fails
//! alone; a commit that fails fails every write of its batch.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::Connection;

use super::{DbConn, Store, StoreError};

/// A queued write: runs inside the batch's transaction and keeps its own result.
type Work = Box<dyn FnOnce(&mut DbConn) + Send>;

/// How a queued write ended, as its caller learns it.
#[derive(Debug, Clone)]
enum Ticket {
    Queued,
    Committed,
    Failed(String),
}

/// Writes waiting for the next leader, and whether a batch is running.
#[derive(Default)]
struct QueueState {
    pending: Vec<(Work, Arc<Mutex<Ticket>>)>,
    leading: bool,
}

/// The queue of writes, and the signal that a batch has ended.
#[derive(Default)]
pub(super) struct WriteQueue {
    state: Mutex<QueueState>,
    batch_ended: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Ends the leader's turn even if its batch panicked: unmarked tickets fail, and the waiters
/// wake to return or lead.
struct Lead<'a> {
    queue: &'a WriteQueue,
    tickets: Vec<Arc<Mutex<Ticket>>>,
}

impl Lead<'_> {
    fn end(&mut self, end: Ticket) {
        for t in self.tickets.drain(..) {
            *lock(&t) = end.clone();
        }
    }
}

impl Drop for Lead<'_> {
    fn drop(&mut self) {
        self.end(Ticket::Failed("the batch holding the write stopped".into()));
        lock(&self.queue.state).leading = false;
        self.queue.batch_ended.notify_all();
    }
}

impl Store {
    /// Runs `f` as a writer whose transaction may be shared with concurrent writers: on SQLite
    /// through the group commit above, on PostgreSQL (many writers at once) as a plain write.
    /// `f` runs in a savepoint of the shared transaction: if it fails, only its own changes roll
    /// back. It returns once the transaction holding its changes has committed.
    pub fn write_grouped<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> Result<T, StoreError> + Send + 'static,
    {
        if self.backend == super::Backend::Postgres {
            return self.write(f)?;
        }
        let result: Arc<Mutex<Option<Result<T, StoreError>>>> = Arc::default();
        let ticket = Arc::new(Mutex::new(Ticket::Queued));
        let slot = Arc::clone(&result);
        let work: Work = Box::new(move |conn| {
            let outcome = conn.transaction(f);
            *lock(&slot) = Some(outcome);
        });
        let queue = &self.write_queue;
        let mut state = lock(&queue.state);
        state.pending.push((work, Arc::clone(&ticket)));
        while matches!(*lock(&ticket), Ticket::Queued) {
            if state.leading {
                state = queue
                    .batch_ended
                    .wait(state)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                continue;
            }
            state.leading = true;
            let (works, tickets): (Vec<Work>, Vec<_>) =
                std::mem::take(&mut state.pending).into_iter().unzip();
            drop(state);
            let mut lead = Lead { queue, tickets };
            let ended = {
                // Excludes this process's other writers (`Store::write`) for the batch.
                let _writer = lock(&self.sqlite_writer);
                self.conn().and_then(|mut conn| run_batch(&mut conn, works))
            };
            lead.end(match &ended {
                Ok(()) => Ticket::Committed,
                Err(e) => Ticket::Failed(e.to_string()),
            });
            drop(lead);
            state = lock(&queue.state);
        }
        drop(state);

        let end = lock(&ticket).clone();
        match end {
            Ticket::Committed => lock(&result)
                .take()
                .unwrap_or_else(|| Err(StoreError::Batch("the write did not run".into()))),
            Ticket::Failed(reason) => Err(StoreError::Batch(reason)),
            Ticket::Queued => Err(StoreError::Batch("the write was never run".into())),
        }
    }
}

/// Runs every write of a batch in one `BEGIN IMMEDIATE` transaction (the write lock is taken
/// first, so another process's commit cannot invalidate what the batch read) and commits it.
fn run_batch(conn: &mut DbConn, works: Vec<Work>) -> Result<(), StoreError> {
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        DbConn::Pg(_) => <DbConn as Connection>::TransactionManager::begin_transaction(conn)?,
    }
    for work in works {
        work(conn);
    }
    <DbConn as Connection>::TransactionManager::commit_transaction(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::sql_types::Text;
    use diesel::RunQueryDsl;

    use super::*;

    fn insert(conn: &mut DbConn, v: &str) -> Result<usize, StoreError> {
        Ok(diesel::sql_query("INSERT INTO t (v) VALUES (?)")
            .bind::<Text, _>(v)
            .execute(conn)?)
    }

    fn values(store: &Store) -> Vec<String> {
        #[derive(diesel::QueryableByName)]
        struct Row {
            #[diesel(sql_type = Text)]
            v: String,
        }
        let mut conn = store.conn().expect("conn");
        let rows: Vec<Row> = diesel::sql_query("SELECT v FROM t ORDER BY v")
            .load(&mut *conn)
            .expect("select");
        rows.into_iter().map(|r| r.v).collect()
    }

    #[test]
    fn queued_writes_share_one_transaction_and_fail_alone() {
        let dir = std::env::temp_dir().join(format!("jobdraft-group-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("group.db");
        let _ = std::fs::remove_file(&path);
        let store = Store::open(path.to_str().expect("path"), 4).expect("open");
        store
            .write(|c| c.batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)"))
            .expect("write")
            .expect("create table");
        store
            .write(|c| insert(c, "taken"))
            .expect("write")
            .expect("seed");

        // Play a leader whose batch is running, so that every write below queues; then end its
        // turn and let one of them lead all the others.
        lock(&store.write_queue.state).leading = true;
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                std::thread::spawn(move || {
                    store.write_grouped(move |c| {
                        insert(c, &format!("w{i}"))?;
                        // Write 3 also takes a value that exists: its own first row must go too.
                        if i == 3 {
                            insert(c, "taken")?;
                        }
                        Ok(i)
                    })
                })
            })
            .collect();
        while lock(&store.write_queue.state).pending.len() < 8 {
            std::thread::yield_now();
        }
        lock(&store.write_queue.state).leading = false;
        store.write_queue.batch_ended.notify_all();

        for (i, handle) in handles.into_iter().enumerate() {
            let result = handle.join().expect("thread");
            match i {
                3 => assert!(
                    matches!(result, Err(StoreError::Db(_))),
                    "write 3: {result:?}"
                ),
                _ => assert_eq!(
                    result.expect("committed"),
                    i,
                    "each caller gets its own result"
                ),
            }
        }
        assert_eq!(
            values(&store),
            ["taken", "w0", "w1", "w2", "w4", "w5", "w6", "w7"]
        );
        assert!(lock(&store.write_queue.state).pending.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
