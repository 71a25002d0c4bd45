//! A robust linearity check for property tests: time a function on an input of size n and 2n
//! (best of several interleaved runs, sizes grown until the timing is well above the clock's
//! noise) and require the doubling to cost at most 2.5× — a quadratic scan costs 4×. Time is
//! the calling thread's CPU time, so other processes on a busy machine do not count.
#![allow(dead_code)]

use std::time::Duration;

/// Largest input tried; a linear function is far above the noise floor long before this.
const MAX_BYTES: usize = 4 << 20;
/// Smallest input tried: large enough that doubling it does not cross from one cache size
/// into the next and look like a slowdown of the algorithm.
const MIN_BYTES: usize = 256 << 10;
/// A timing this long is comfortably above the clock's resolution and cache effects.
const MEASURABLE: Duration = Duration::from_millis(5);
const RUNS: usize = 3;
const MAX_RATIO: f64 = 2.5;

/// CPU time this thread has used.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given, which lives on this stack.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "CLOCK_THREAD_CPUTIME_ID is not available");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn best_of(input: &str, f: &impl Fn(&str) -> usize) -> Duration {
    (0..RUNS)
        .map(|_| {
            let started = thread_cpu_time();
            std::hint::black_box(f(std::hint::black_box(input)));
            thread_cpu_time().saturating_sub(started)
        })
        .min()
        .unwrap_or_default()
}

/// Asserts `f` is linear on inputs `build(n)`: doubling n costs at most 2.5× (best of 3, three times), at a
/// size where the timing is measurable. Retries the measurement once before failing, so one
/// burst of load on a shared machine does not fail the build.
pub fn assert_linear(name: &str, build: impl Fn(usize) -> String, f: impl Fn(&str) -> usize) {
    let mut n = MIN_BYTES;
    let mut small = build(n);
    while best_of(&small, &f) < MEASURABLE && n < MAX_BYTES {
        n *= 2;
        small = build(n);
    }
    let large = build(n * 2);
    let mut ratios = Vec::new();
    for _ in 0..2 {
        let (mut t_small, mut t_large) = (Duration::MAX, Duration::MAX);
        // Interleaved, so a slow spell of the machine hits both sizes alike.
        for _ in 0..3 {
            t_small = t_small.min(best_of(&small, &f));
            t_large = t_large.min(best_of(&large, &f));
        }
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-9);
        if ratio <= MAX_RATIO {
            return;
        }
        ratios.push(format!("{ratio:.2} ({t_small:?} -> {t_large:?})"));
    }
    panic!(
        "{name}: doubling the input from {} to {} bytes cost {} (limit {MAX_RATIO}×)",
        small.len(),
        large.len(),
        ratios.join(", then ")
    );
}
