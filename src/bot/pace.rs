//! Telegram's rate limits, kept by giving every outgoing message a send time: at once while the
//! limits allow it, else the earliest moment they do. Unlike teloxide's `Throttle`, whose worker
//! wakes every 250 ms, a message under the limits leaves without waiting at all.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use teloxide::types::ChatId;

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);
/// Reservations between sweeps of chats that have been quiet for a minute.
const SWEEP_EVERY: u64 = 1024;

/// Telegram's published limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Messages a second, all chats together.
    pub overall_per_sec: usize,
    /// Messages a second to one chat.
    pub chat_per_sec: usize,
    /// Messages a minute to one group or channel.
    pub group_per_min: usize,
}

impl Limits {
    /// The Bot API's limits: 30 a second overall, 1 a second per chat, 20 a minute per group.
    pub const TELEGRAM: Limits = Limits { overall_per_sec: 30, chat_per_sec: 1, group_per_min: 20 };
}

/// Send times already given out, by window: every call of [`Pace::reserve`] adds one.
#[derive(Debug)]
pub struct Pace {
    limits: Limits,
    /// Every send time of the last second and later, sorted.
    overall: VecDeque<Instant>,
    /// Each chat's recent send times, sorted: a chat's messages go one after another.
    chats: HashMap<i64, VecDeque<Instant>>,
    reservations: u64,
}

impl Pace {
    /// No message sent yet.
    pub fn new(limits: Limits) -> Self {
        let limits = Limits {
            overall_per_sec: limits.overall_per_sec.max(1),
            chat_per_sec: limits.chat_per_sec.max(1),
            group_per_min: limits.group_per_min.max(1),
        };
        Pace { limits, overall: VecDeque::new(), chats: HashMap::new(), reservations: 0 }
    }

    /// The earliest time at or after `now` when a message to `chat` keeps every limit (negative
    /// chat ids are groups and channels); the message is counted as sent then.
    pub fn reserve(&mut self, chat: i64, now: Instant) -> Instant {
        self.forget_before(now);
        let group = chat < 0;
        let history = self.chats.entry(chat).or_default();
        let mut at = now;
        if let Some(&nth) = nth_last(history, self.limits.chat_per_sec) {
            at = at.max(nth + SECOND);
        }
        if group && let Some(&nth) = nth_last(history, self.limits.group_per_min) {
            at = at.max(nth + MINUTE);
        }
        let at = earliest_fit(&self.overall, at, self.limits.overall_per_sec, SECOND);
        let keep = if group {
            self.limits.group_per_min.max(self.limits.chat_per_sec)
        } else {
            self.limits.chat_per_sec
        };
        let history = self.chats.entry(chat).or_default();
        let position = history.partition_point(|&t| t <= at);
        history.insert(position, at);
        while history.len() > keep {
            history.pop_front();
        }
        let position = self.overall.partition_point(|&t| t <= at);
        self.overall.insert(position, at);
        at
    }

    /// Drops what no longer limits anything sent from `now` on.
    fn forget_before(&mut self, now: Instant) {
        if let Some(horizon) = now.checked_sub(SECOND) {
            while self.overall.front().is_some_and(|&t| t <= horizon) {
                self.overall.pop_front();
            }
        }
        self.reservations += 1;
        if self.reservations.is_multiple_of(SWEEP_EVERY)
            && let Some(horizon) = now.checked_sub(MINUTE)
        {
            self.chats.retain(|_, history| history.back().is_some_and(|&t| t > horizon));
        }
    }
}

/// The `n`th most recent time of `history` (1 = the last).
fn nth_last(history: &VecDeque<Instant>, n: usize) -> Option<&Instant> {
    history.len().checked_sub(n).and_then(|i| history.get(i))
}

/// The earliest time from `from` on that can join the sorted `times` with no `window` holding
/// more than `max` of them: `from` itself, or the moment some earlier time leaves the window.
fn earliest_fit(times: &VecDeque<Instant>, from: Instant, max: usize, window: Duration) -> Instant {
    if fits(times, from, max, window) {
        return from;
    }
    let start = times.partition_point(|&t| t + window <= from);
    times
        .range(start..)
        .map(|&t| t + window)
        .find(|&candidate| fits(times, candidate, max, window))
        // After the last time plus a window, nothing is near.
        .unwrap_or_else(|| times.back().map_or(from, |&t| t + window))
}

/// Whether adding `at` to the sorted `times` keeps every half-open `window` at `max` or fewer.
fn fits(times: &VecDeque<Instant>, at: Instant, max: usize, window: Duration) -> bool {
    // With `at` in place, any `max + 1` consecutive times that include it must span `window`.
    let position = times.partition_point(|&t| t <= at);
    let get = |i: usize| {
        if i < position {
            times[i]
        } else if i == position {
            at
        } else {
            times[i - 1]
        }
    };
    let len = times.len() + 1;
    let first = position.saturating_sub(max);
    (first..=position).filter(|&j| j + max < len).all(|j| get(j + max) - get(j) >= window)
}

/// The limits as the async handlers use them: shared, or lifted altogether (benchmarks only).
#[derive(Debug, Clone)]
pub struct Pacer(Option<Arc<Mutex<Pace>>>);

impl Pacer {
    /// Keeps `limits`.
    pub fn new(limits: Limits) -> Self {
        Pacer(Some(Arc::new(Mutex::new(Pace::new(limits)))))
    }

    /// Keeps no limit at all: for benchmarks against a local fake only.
    pub fn unlimited() -> Self {
        Pacer(None)
    }

    /// Waits until a message to `chat` may be sent (at once while under the limits).
    pub async fn wait_turn(&self, chat: ChatId) {
        let Some(pace) = &self.0 else { return };
        let now = Instant::now();
        let at = pace.lock().unwrap_or_else(std::sync::PoisonError::into_inner).reserve(chat.0, now);
        if at > now {
            tokio::time::sleep_until(at.into()).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn messages_under_the_limits_leave_at_once() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let t0 = Instant::now();
        for chat in 1..=30 {
            assert_eq!(pace.reserve(chat, t0), t0, "chat {chat}");
        }
        // A second later the window is free again.
        assert_eq!(pace.reserve(31, t0 + SECOND), t0 + SECOND);
    }

    #[test]
    fn the_31st_message_of_a_second_waits_for_the_window() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let t0 = Instant::now();
        for chat in 0..30 {
            pace.reserve(chat + 1, t0 + ms(10 * chat as u64));
        }
        assert_eq!(pace.reserve(100, t0 + ms(400)), t0 + SECOND);
        assert_eq!(pace.reserve(101, t0 + ms(400)), t0 + ms(1010));
    }

    #[test]
    fn a_chat_waits_a_second_between_messages_without_holding_others_back() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let t0 = Instant::now();
        assert_eq!(pace.reserve(7, t0), t0);
        assert_eq!(pace.reserve(7, t0 + ms(100)), t0 + SECOND);
        assert_eq!(pace.reserve(8, t0 + ms(100)), t0 + ms(100), "another chat is not held back");
        assert_eq!(pace.reserve(7, t0 + ms(200)), t0 + 2 * SECOND);
    }

    #[test]
    fn a_group_gets_twenty_messages_a_minute() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let t0 = Instant::now();
        let times: Vec<Instant> = (0..21).map(|_| pace.reserve(-100, t0)).collect();
        assert_eq!(times[19], t0 + 19 * SECOND);
        assert_eq!(times[20], t0 + MINUTE, "the 21st waits for the first to leave the minute");
    }

    #[test]
    fn no_window_ever_holds_more_than_the_limits() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let t0 = Instant::now();
        let mut sent: Vec<(i64, Instant)> = Vec::new();
        // A pseudo-random burst: 600 messages over 3 s to 40 chats, a quarter of them groups.
        let mut x: u64 = 12345;
        for i in 0..600u64 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let chat = (x >> 33) as i64 % 40;
            let chat = if chat % 4 == 0 { -1 - chat } else { chat + 1 };
            let now = t0 + ms(i * 5);
            let at = pace.reserve(chat, now);
            assert!(at >= now);
            sent.push((chat, at));
        }
        let mut all: Vec<Instant> = sent.iter().map(|&(_, t)| t).collect();
        all.sort();
        assert!(all.windows(31).all(|w| w[30] - w[0] >= SECOND), "over 30 in a second");
        for chat in sent.iter().map(|&(c, _)| c).collect::<std::collections::HashSet<_>>() {
            let mut times: Vec<Instant> = sent.iter().filter(|&&(c, _)| c == chat).map(|&(_, t)| t).collect();
            times.sort();
            assert!(times.windows(2).all(|w| w[1] - w[0] >= SECOND), "chat {chat}: two in a second");
            if chat < 0 {
                assert!(times.windows(21).all(|w| w[20] - w[0] >= MINUTE), "group {chat}: over 20 a minute");
            }
        }
    }
}
