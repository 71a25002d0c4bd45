//! One pool of threads for blocking work (parsing, database calls), shared by every HTTP worker.
//!
//! Why not actix's `web::block`: each actix worker has its own blocking pool, and a connection
//! stays on the worker that accepted it. With two workers, two queues served the same cores, and
//! whichever held more connections at a moment made its requests wait longer: under 64
//! connections of creates, p99 latency was 1.3–1.5 times that of one shared first-come,
//! first-served queue at the same throughput (README, "HTTP create vs a trivial route").

use std::sync::Arc;

use super::error::{self, ApiError};

/// A handle to the shared pool; clones share it, the last one shuts it down.
#[derive(Clone)]
pub struct BlockingPool {
    runtime: Arc<PoolRuntime>,
}

/// The runtime whose blocking threads are the pool. Nothing runs on its scheduler: blocking
/// tasks need no driver, and their results wake the awaiting task on whichever worker asked.
struct PoolRuntime(Option<tokio::runtime::Runtime>);

impl Drop for PoolRuntime {
    /// Without waiting: the last handle may be dropped inside an async context (a stopping
    /// worker), where a runtime's blocking shutdown would panic.
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl BlockingPool {
    /// A pool of at most `threads` threads (at least one), started lazily as work arrives.
    pub fn new(threads: usize) -> std::io::Result<BlockingPool> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .max_blocking_threads(threads.max(1))
            .thread_name("jobdraft-blocking")
            .build()?;
        Ok(BlockingPool {
            runtime: Arc::new(PoolRuntime(Some(runtime))),
        })
    }

    /// Runs `f` on the pool, first come first served, with the request's id in scope there too
    /// (so a log line written inside carries the id the client got).
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let Some(runtime) = &self.runtime.0 else {
            return Err(ApiError::internal(&"the blocking pool has shut down"));
        };
        let id = error::current_request_id();
        runtime
            .spawn_blocking(move || error::REQUEST_ID.sync_scope(id, f))
            .await
            .map_err(|e| ApiError::internal(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::ErrorCode;

    fn on_own_runtime<T: Send + 'static>(
        work: impl std::future::Future<Output = T> + Send + 'static,
    ) -> std::thread::JoinHandle<T> {
        std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .build()
                .expect("runtime")
                .block_on(work)
        })
    }

    #[test]
    fn workers_on_different_runtimes_share_the_pool() {
        let pool = BlockingPool::new(1).expect("pool");
        let asks: Vec<_> = (0..2)
            .map(|_| {
                let pool = pool.clone();
                on_own_runtime(async move {
                    pool.run(|| std::thread::current().id()).await.expect("ran")
                })
            })
            .collect();
        let threads: Vec<_> = asks.into_iter().map(|a| a.join().expect("asker")).collect();
        assert_eq!(threads[0], threads[1], "one thread served both workers");
        assert_ne!(threads[0], std::thread::current().id());
    }

    #[test]
    fn a_panic_in_the_work_is_an_internal_error() {
        let pool = BlockingPool::new(2).expect("pool");
        let answer = on_own_runtime(async move {
            pool.run(|| -> u8 { panic!("boom") })
                .await
                .map_err(|e| e.code)
        })
        .join()
        .expect("asker");
        assert!(matches!(answer, Err(ErrorCode::Internal)), "{answer:?}");
    }
}
