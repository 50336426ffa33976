//! Telegram's rate limits, kept on what actually went out: a message counts from the moment it
//! is sent until a whole window after Telegram's reply to it came back. Telegram counts it at
//! some instant in between (when the request reached it), so no window of Telegram's can hold
//! more than a limit allows, however long requests take on the way. A message under the limits
//! leaves at once; unlike teloxide's `Throttle`, no worker wakes every 250 ms.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use teloxide::types::ChatId;
use tokio::sync::Notify;
use tokio::sync::futures::Notified;

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

/// When the next message may leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Turn {
    /// At this instant (now, if it has passed).
    At(Instant),
    /// Once a message still awaiting Telegram's reply has its reply: until then nobody knows
    /// when Telegram counted it.
    AfterReply,
}

impl Turn {
    fn is_due(self, now: Instant) -> bool {
        matches!(self, Turn::At(at) if at <= now)
    }
}

/// A message that was sent, for [`Pace::land`] once its reply is back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    id: u64,
    chat: i64,
}

/// Sent messages, as counted against one limit: at most `max` in any `width`.
#[derive(Debug)]
struct Window {
    max: usize,
    width: Duration,
    /// Messages that still count, oldest sent first, each with when its reply came back.
    sent: VecDeque<(u64, Option<Instant>)>,
}

impl Window {
    fn new(max: usize, width: Duration) -> Self {
        Window { max: max.max(1), width, sent: VecDeque::new() }
    }

    /// Forgets messages whose reply came a whole window before `now`.
    fn expire(&mut self, now: Instant) {
        let width = self.width;
        self.sent.retain(|&(_, landed)| landed.is_none_or(|at| at + width > now));
    }

    /// When one more message fits, given that nothing is forgotten before `expire(now)`.
    fn turn(&self, now: Instant) -> Turn {
        let Some(excess) = (self.sent.len() + 1).checked_sub(self.max).filter(|&n| n > 0) else {
            return Turn::At(now);
        };
        // A message still in flight will land after every one that has landed, so the landed
        // ones leave the window first.
        let mut leaving: Vec<Instant> =
            self.sent.iter().filter_map(|&(_, landed)| landed.map(|at| at + self.width)).collect();
        if leaving.len() < excess {
            return Turn::AfterReply;
        }
        leaving.sort_unstable();
        Turn::At(leaving[excess - 1])
    }

    fn send(&mut self, id: u64) {
        self.sent.push_back((id, None));
    }

    fn land(&mut self, id: u64, at: Instant) {
        if let Some(entry) = self.sent.iter_mut().find(|(sent, _)| *sent == id) {
            entry.1 = Some(at);
        }
    }

    fn is_empty(&self) -> bool {
        self.sent.is_empty()
    }
}

/// One chat's limits, and how long Telegram told it to wait (a 429's `retry_after`).
#[derive(Debug)]
struct ChatPace {
    per_sec: Window,
    /// Groups and channels only.
    per_min: Option<Window>,
    held_until: Option<Instant>,
}

impl ChatPace {
    fn windows(&mut self) -> impl Iterator<Item = &mut Window> {
        std::iter::once(&mut self.per_sec).chain(self.per_min.as_mut())
    }
}

/// The pure bookkeeping of the limits, with the clock passed in: [`Pace::turn`] says when a
/// message may go, [`Pace::send`] counts it as sent, [`Pace::land`] as answered.
#[derive(Debug)]
pub struct Pace {
    limits: Limits,
    overall: Window,
    chats: HashMap<i64, ChatPace>,
    next_id: u64,
}

impl Pace {
    /// No message sent yet.
    pub fn new(limits: Limits) -> Self {
        Pace {
            limits,
            overall: Window::new(limits.overall_per_sec, SECOND),
            chats: HashMap::new(),
            next_id: 0,
        }
    }

    /// When a message to `chat` may leave by the chat's own limits and any hold on it (negative
    /// chat ids are groups and channels).
    pub fn chat_turn(&mut self, chat: i64, now: Instant) -> Turn {
        let Some(pace) = self.chats.get_mut(&chat) else { return Turn::At(now) };
        let held = Turn::At(pace.held_until.map_or(now, |until| until.max(now)));
        pace.windows()
            .map(|window| {
                window.expire(now);
                window.turn(now)
            })
            .fold(held, Turn::max)
    }

    /// When a message to `chat` may leave by every limit.
    pub fn turn(&mut self, chat: i64, now: Instant) -> Turn {
        self.overall.expire(now);
        self.chat_turn(chat, now).max(self.overall.turn(now))
    }

    /// Counts a message to `chat` as sent at `now`; call when [`Pace::turn`] is due.
    pub fn send(&mut self, chat: i64, now: Instant) -> Ticket {
        let id = self.next_id;
        self.next_id += 1;
        if id % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.sweep(now);
        }
        let limits = self.limits;
        let pace = self.chats.entry(chat).or_insert_with(|| ChatPace {
            per_sec: Window::new(limits.chat_per_sec, SECOND),
            per_min: (chat < 0).then(|| Window::new(limits.group_per_min, MINUTE)),
            held_until: None,
        });
        pace.windows().for_each(|window| window.send(id));
        self.overall.send(id);
        Ticket { id, chat }
    }

    /// Telegram's reply to the message of `ticket` came back at `now`.
    pub fn land(&mut self, ticket: Ticket, now: Instant) {
        self.overall.land(ticket.id, now);
        if let Some(pace) = self.chats.get_mut(&ticket.chat) {
            pace.windows().for_each(|window| window.land(ticket.id, now));
        }
    }

    /// Telegram refused a message to `chat` until `until` (a 429): that chat alone waits.
    pub fn hold(&mut self, chat: i64, until: Instant) {
        if let Some(pace) = self.chats.get_mut(&chat) {
            pace.held_until = pace.held_until.max(Some(until));
        }
    }

    /// Drops chats that no longer limit anything, so memory follows the active chats only.
    fn sweep(&mut self, now: Instant) {
        self.chats.retain(|_, pace| {
            pace.windows().for_each(|window| window.expire(now));
            pace.held_until.is_some_and(|until| until > now)
                || pace.windows().any(|window| !window.is_empty())
        });
    }

    #[cfg(test)]
    fn chats(&self) -> usize {
        self.chats.len()
    }
}

/// The limits as the async handlers use them: shared, or lifted altogether (benchmarks only).
#[derive(Debug, Clone)]
pub struct Pacer(Option<Arc<Shared>>);

#[derive(Debug)]
struct Shared {
    pace: Mutex<Pace>,
    /// Taken by the message next in line for the overall limit: first come, first served.
    line: tokio::sync::Mutex<()>,
    /// Told whenever a reply lands, for whoever waits on [`Turn::AfterReply`].
    landed: Notify,
}

impl Shared {
    fn pace(&self) -> MutexGuard<'_, Pace> {
        self.pace.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Waits for `turn`; `landed` must be taken before the turn was worked out, so that a reply
/// landing in between is not missed.
async fn wait(turn: Turn, landed: Notified<'_>) {
    match turn {
        Turn::At(at) => tokio::time::sleep_until(at.into()).await,
        Turn::AfterReply => landed.await,
    }
}

impl Pacer {
    /// Keeps `limits`.
    pub fn new(limits: Limits) -> Self {
        Pacer(Some(Arc::new(Shared {
            pace: Mutex::new(Pace::new(limits)),
            line: tokio::sync::Mutex::new(()),
            landed: Notify::new(),
        })))
    }

    /// Keeps no limit at all: for benchmarks against a local fake only.
    pub fn unlimited() -> Self {
        Pacer(None)
    }

    /// Waits until a message to `chat` may be sent (at once while under the limits) and counts
    /// it as sent; hold the returned [`Sending`] until Telegram's reply is back.
    pub async fn send(&self, chat: ChatId) -> Sending {
        let Some(shared) = &self.0 else { return Sending(None) };
        loop {
            // The chat's own limits first, in no one's way.
            loop {
                let landed = shared.landed.notified();
                let now = Instant::now();
                let turn = shared.pace().chat_turn(chat.0, now);
                if turn.is_due(now) {
                    break;
                }
                wait(turn, landed).await;
            }
            // Then the overall limit, in line. The chat is asked again: another message to it
            // may have gone meanwhile, and then this one gives up its place.
            let _line = shared.line.lock().await;
            loop {
                let landed = shared.landed.notified();
                let now = Instant::now();
                let turn = {
                    let mut pace = shared.pace();
                    if !pace.chat_turn(chat.0, now).is_due(now) {
                        break;
                    }
                    let turn = pace.turn(chat.0, now);
                    if turn.is_due(now) {
                        let ticket = pace.send(chat.0, now);
                        return Sending(Some((Arc::clone(shared), ticket)));
                    }
                    turn
                };
                wait(turn, landed).await;
            }
        }
    }
}

/// A message on its way: dropping this says its reply is back (or it was abandoned).
#[derive(Debug)]
pub struct Sending(Option<(Arc<Shared>, Ticket)>);

impl Sending {
    /// Telegram asked to wait `retry_after` before sending to this chat again.
    pub fn hold(&self, retry_after: Duration) {
        if let Some((shared, ticket)) = &self.0 {
            shared.pace().hold(ticket.chat, Instant::now() + retry_after);
        }
    }
}

impl Drop for Sending {
    fn drop(&mut self) {
        if let Some((shared, ticket)) = self.0.take() {
            shared.pace().land(ticket, Instant::now());
            shared.landed.notify_waiters();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// Sends at `now` if due, else panics: for steps a test expects to go through.
    fn send_now(pace: &mut Pace, chat: i64, now: Instant) -> Ticket {
        assert_eq!(pace.turn(chat, now), Turn::At(now), "chat {chat} held back");
        pace.send(chat, now)
    }

    #[test]
    fn messages_under_the_limits_leave_at_once() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let t0 = Instant::now();
        for chat in 1..=30 {
            let ticket = send_now(&mut pace, chat, t0);
            pace.land(ticket, t0 + ms(5));
        }
        assert_eq!(pace.turn(31, t0 + ms(500)), Turn::At(t0 + ms(1005)), "the 31st waits");
        send_now(&mut pace, 31, t0 + ms(1005));
    }

    #[test]
    fn a_message_counts_until_a_second_after_its_reply_however_late_that_is() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let t0 = Instant::now();
        let tickets: Vec<Ticket> = (1..=30).map(|chat| send_now(&mut pace, chat, t0)).collect();
        // Replies are slow: Telegram may have counted these messages as late as they came back.
        assert_eq!(pace.turn(31, t0 + ms(1200)), Turn::AfterReply);
        for (i, &ticket) in tickets.iter().enumerate() {
            pace.land(ticket, t0 + ms(300 + 10 * i as u64));
        }
        assert_eq!(pace.turn(31, t0 + ms(1200)), Turn::At(t0 + ms(1300)));
        send_now(&mut pace, 31, t0 + ms(1300));
        assert_eq!(pace.turn(32, t0 + ms(1300)), Turn::At(t0 + ms(1310)), "one leaves per reply");
    }

    #[test]
    fn a_chat_waits_a_second_after_its_last_reply_without_holding_others_back() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let t0 = Instant::now();
        let ticket = send_now(&mut pace, 7, t0);
        assert_eq!(pace.turn(7, t0 + ms(10)), Turn::AfterReply, "its first message is in flight");
        pace.land(ticket, t0 + ms(40));
        assert_eq!(pace.turn(7, t0 + ms(100)), Turn::At(t0 + ms(1040)));
        send_now(&mut pace, 8, t0 + ms(100));
        send_now(&mut pace, 7, t0 + ms(1040));
    }

    #[test]
    fn a_group_gets_twenty_messages_a_minute() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let t0 = Instant::now();
        let mut now = t0;
        for _ in 0..20 {
            let ticket = send_now(&mut pace, -100, now);
            pace.land(ticket, now + ms(10));
            now += SECOND + ms(10);
        }
        assert_eq!(pace.turn(-100, now), Turn::At(t0 + MINUTE + ms(10)), "the 21st waits for the first");
        assert_eq!(pace.turn(100, now), Turn::At(now), "a private chat with the same number does not");
    }

    #[test]
    fn a_429_holds_its_chat_alone_until_retry_after() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let t0 = Instant::now();
        let ticket = send_now(&mut pace, 5, t0);
        pace.hold(5, t0 + ms(10) + 2 * SECOND);
        pace.land(ticket, t0 + ms(10));
        assert_eq!(pace.turn(5, t0 + SECOND), Turn::At(t0 + ms(2010)));
        send_now(&mut pace, 6, t0 + SECOND);
        send_now(&mut pace, 5, t0 + ms(2010));
    }

    #[test]
    fn quiet_chats_are_forgotten() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let mut now = Instant::now();
        for chat in 1..SWEEP_EVERY as i64 {
            let ticket = send_now(&mut pace, chat - 500, now);
            pace.land(ticket, now);
            now += ms(40);
        }
        // The next message sweeps: a minute after the last reply, only its own chat is left.
        send_now(&mut pace, 1, now + MINUTE);
        assert!(pace.chats() <= 1, "{} chats kept", pace.chats());
    }

    /// A tiny deterministic generator, so the simulation needs no dependency.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    /// Most times of `times` within any half-open window of `width`.
    fn busiest(mut times: Vec<Instant>, width: Duration) -> usize {
        times.sort();
        (0..times.len())
            .map(|i| times[i..].iter().take_while(|&&t| t - times[i] < width).count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn no_window_of_telegrams_holds_more_than_the_limits_whenever_it_counts_a_message() {
        let mut pace = Pace::new(Limits::TELEGRAM);
        let mut rng = Lcg(12345);
        let t0 = Instant::now();
        let mut now = t0;
        // (chat, sent, reply back): 600 messages asked for over 6 s to 40 chats, a quarter of
        // them groups, each taking 1-300 ms to answer; messages go one after another.
        let mut sent: Vec<(i64, Instant, Instant)> = Vec::new();
        let mut in_flight: Vec<(Ticket, Instant)> = Vec::new();
        for i in 0..600u64 {
            let chat = rng.below(40) as i64;
            let chat = if chat % 4 == 0 { -1 - chat } else { chat + 1 };
            now = now.max(t0 + ms(i * 10));
            loop {
                in_flight.retain(|&(ticket, back)| {
                    let landed = back <= now;
                    if landed {
                        pace.land(ticket, back);
                    }
                    !landed
                });
                match pace.turn(chat, now) {
                    Turn::At(at) if at <= now => break,
                    Turn::At(at) => now = at,
                    Turn::AfterReply => {
                        now = in_flight.iter().map(|&(_, back)| back).min().expect("in flight")
                    }
                }
            }
            let back = now + ms(1 + rng.below(300));
            in_flight.push((pace.send(chat, now), back));
            sent.push((chat, now, back));
        }
        // Telegram counts each message somewhere between its sending and its reply.
        for pick in [0, 1, 2] {
            let counted: Vec<(i64, Instant)> =
                sent.iter().map(|&(chat, at, back)| (chat, [at, back, at + (back - at) / 2][pick])).collect();
            let all: Vec<Instant> = counted.iter().map(|&(_, t)| t).collect();
            assert!(busiest(all, SECOND) <= 30, "over 30 in a second (pick {pick})");
            for chat in -40..=40 {
                let times: Vec<Instant> =
                    counted.iter().filter(|&&(c, _)| c == chat).map(|&(_, t)| t).collect();
                assert!(busiest(times.clone(), SECOND) <= 1, "chat {chat}: two in a second (pick {pick})");
                if chat < 0 {
                    assert!(busiest(times, MINUTE) <= 20, "group {chat}: over 20 a minute (pick {pick})");
                }
            }
        }
    }
}
