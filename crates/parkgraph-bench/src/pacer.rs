//! Send tickets for paced load runs, released on schedule by one OS thread.
//!
//! Why a thread: tokio's timer wheel ticks in whole milliseconds, and at half of the peak the
//! gap between requests is 30–60 µs. Streams that slept on tokio timers woke in bursts up to a
//! millisecond late, and that lateness was charged to the server (Health/Check itself showed a
//! p50 of 1.6 ms at half load against 0.3 ms at peak). A thread sleeping with `nanosleep`
//! wakes within tens of microseconds and releases every ticket due by then.
//!
//! A ticket carries the instant it was released. The pacer's own lateness is the client's, not
//! the server's, so latency is measured from release; a ticket that waits because every stream
//! is busy waiting for answers counts that wait (no coordinated omission).

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, Mutex};

/// The shortest sleep between releases: below it the thread would spin on wake-ups that each
/// release less than one ticket.
const MIN_SLEEP: Duration = Duration::from_micros(50);

/// Tickets shared by the streams of one run; `None` from [`Tickets::next`] ends the run.
#[derive(Clone)]
pub struct Tickets {
    rx: Arc<Mutex<mpsc::UnboundedReceiver<Instant>>>,
}

impl Tickets {
    /// The next ticket's release instant, waiting for it; `None` once the schedule is over.
    pub async fn next(&self) -> Option<Instant> {
        self.rx.lock().await.recv().await
    }
}

/// Releases `rate` tickets per second from `start` until `end` on a new thread. The thread
/// ends at `end`, or earlier when every [`Tickets`] handle is dropped.
pub fn start(rate: f64, start: Instant, end: Instant) -> (Tickets, JoinHandle<u64>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let period = 1.0 / rate.max(1e-3);
    let thread = std::thread::Builder::new()
        .name("pacer".into())
        .spawn(move || {
            let mut released: u64 = 0;
            loop {
                let now = Instant::now();
                if now >= end {
                    return released;
                }
                // Every ticket due by now, stamped now.
                while start + Duration::from_secs_f64(released as f64 * period) <= now {
                    if tx.send(now).is_err() {
                        return released;
                    }
                    released += 1;
                }
                let due = start + Duration::from_secs_f64(released as f64 * period);
                std::thread::sleep(due.saturating_duration_since(now).max(MIN_SLEEP));
            }
        })
        .expect("pacer thread");
    (
        Tickets {
            rx: Arc::new(Mutex::new(rx)),
        },
        thread,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_are_released_in_order_within_the_window_then_the_schedule_ends() {
        let start = Instant::now();
        let end = start + Duration::from_millis(100);
        let (tickets, thread) = super::start(2_000.0, start, end);
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let stamps: Vec<Instant> = rt.block_on(async {
            let mut v = Vec::new();
            while let Some(t) = tickets.next().await {
                v.push(t);
            }
            v
        });
        let released = thread.join().unwrap();
        assert_eq!(stamps.len() as u64, released);
        // 2,000/s for 0.1 s: at most 200 tickets (the first is due at `start`), and the
        // schedule cannot fall so far behind on a loaded machine that none is released.
        assert!((1..=201).contains(&stamps.len()), "{}", stamps.len());
        assert!(stamps.windows(2).all(|w| w[0] <= w[1]));
        assert!(stamps.iter().all(|&t| t >= start && t < end));
    }

    #[test]
    fn dropping_every_handle_stops_the_thread() {
        let start = Instant::now();
        let (tickets, thread) = super::start(1_000.0, start, start + Duration::from_secs(600));
        drop(tickets);
        // The next send fails and the thread returns, long before the 600,000 tickets of the
        // whole schedule.
        assert!(thread.join().unwrap() < 1_000);
    }
}
