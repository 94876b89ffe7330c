//! Rate limiting without remembering who anyone is.
//!
//! A client is known only as an HMAC of its address under a random key that
//! lives in memory and is replaced every UTC day; the buckets are dropped with
//! the old key. Nothing here is ever written anywhere, so even a memory dump
//! taken tomorrow cannot link today's buckets to an address. The limiter
//! sees a client address (from [`crate::client`]) only to hash it.
//!
//! [`RateLimiter`] is the table of buckets; [`limit_tips`] is the middleware
//! in front of `POST /v1/tips` that spends and refunds their tokens.

use std::net::IpAddr;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::{Request, State as AxumState};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hashlink::LinkedHashMap;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::error::ApiError;
use crate::store::{Store, StoreError};
use crate::{clock, stored_forms, AppState};

/// How many distinct clients are tracked: a flood of spoofed-looking sources
/// cannot grow memory without bound. When the table is full, a new client
/// takes the place of the one seen least recently.
pub const MAX_TRACKED_CLIENTS: usize = 100_000;

/// The limit: a token bucket per client.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    /// Tokens a client regains per minute.
    pub per_minute: u32,
    /// Tokens a new client starts with (the largest burst).
    pub burst: u32,
}

/// Token buckets keyed by a keyed hash of the client address.
#[derive(Debug)]
pub struct RateLimiter {
    limit: RateLimit,
    capacity: usize,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    key: [u8; 32],
    key_day: i64,
    /// Least recently seen first: eviction takes the front, in O(1).
    buckets: LinkedHashMap<[u8; 16], Bucket>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// A token taken for one request, to give back if the request turns out not
/// to store a tip ([`RateLimiter::refund`]). Holds the bucket's keyed hash,
/// never the address.
#[derive(Debug)]
pub struct Ticket {
    id: [u8; 16],
    key_day: i64,
}

fn random_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    key
}

impl RateLimiter {
    /// A limiter with a fresh random key for `today` (days since the epoch).
    pub fn new(limit: RateLimit, today: i64) -> Self {
        Self::with_capacity(limit, today, MAX_TRACKED_CLIENTS)
    }

    /// The same, tracking at most `capacity` clients.
    pub fn with_capacity(limit: RateLimit, today: i64, capacity: usize) -> Self {
        Self {
            limit,
            capacity: capacity.max(1),
            state: Mutex::new(State {
                key: random_key(),
                key_day: today,
                buckets: LinkedHashMap::new(),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        match self.state.lock() {
            Ok(state) => state,
            // A panic while holding the lock left at worst a stale bucket.
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    fn capacity(&self) -> f64 {
        f64::from(self.limit.burst.max(1))
    }

    fn per_second(&self) -> f64 {
        f64::from(self.limit.per_minute.max(1)) / 60.0
    }

    /// Takes one token for `client`, or says how long until one is free.
    pub fn check(&self, client: IpAddr, now: Instant, today: i64) -> Result<Ticket, Duration> {
        let (capacity, per_second) = (self.capacity(), self.per_second());
        let mut state = self.lock();
        if state.key_day != today {
            // Rotation: the old key and every bucket made with it go away.
            state.key = random_key();
            state.key_day = today;
            state.buckets.clear();
        }
        let id = client_id(&state.key, client);
        let key_day = state.key_day;
        if state.buckets.to_back(&id).is_none() {
            if state.buckets.len() >= self.capacity {
                // Bounded time: one entry, the least recently seen, leaves.
                state.buckets.pop_front();
            }
            state.buckets.insert(
                id,
                Bucket {
                    tokens: capacity,
                    updated: now,
                },
            );
        }
        let Some(bucket) = state.buckets.get_mut(&id) else {
            return Err(Duration::from_secs(1));
        };
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(Ticket { id, key_day })
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }

    /// Gives back the token of a request that stored nothing (a replay, an
    /// invalid tip, a failure). A bucket rotated away or evicted meanwhile
    /// is left alone.
    pub fn refund(&self, ticket: Ticket) {
        let capacity = self.capacity();
        let mut state = self.lock();
        if state.key_day != ticket.key_day {
            return;
        }
        if let Some(bucket) = state.buckets.get_mut(&ticket.id) {
            bucket.tokens = (bucket.tokens + 1.0).min(capacity);
        }
    }

    /// How many clients are tracked now (for tests of rotation and bounds).
    pub fn tracked(&self) -> usize {
        self.lock().buckets.len()
    }
}

/// The bucket id of an address: IPv6 clients are grouped by their /64, since
/// one subscriber usually holds a whole /64 and could otherwise hop addresses.
fn client_id(key: &[u8; 32], client: IpAddr) -> [u8; 16] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    match client {
        IpAddr::V4(v4) => mac.update(&v4.octets()),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => mac.update(&v4.octets()),
            None => mac.update(&v6.octets()[..8]),
        },
    }
    let digest = mac.finalize().into_bytes();
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
    id
}

/// Middleware: spends one of this client's tokens on a tip, and gives it
/// back when the request stores nothing new (a replay, an invalid tip, a
/// failure), so only stored tips count against an honest client. With the
/// bucket empty, a retry of a tip already stored still reaches its receipt:
/// the key is looked up first. Everything else then gets 429.
pub async fn limit_tips(
    AxumState(state): AxumState<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let client = state.client.of(&request);
    let now = clock::now_unix();
    match state
        .limiter
        .check(client, Instant::now(), clock::utc_day(now))
    {
        Ok(ticket) => {
            let response = next.run(request).await;
            if !stored_a_new_tip(&response) {
                state.limiter.refund(ticket);
            }
            response
        }
        Err(wait) => match already_stored(&state, request.headers()).await {
            Ok(true) => next.run(request).await,
            // Not stored, or the database cannot say: the limit holds.
            Ok(false) | Err(_) => ApiError::RateLimited {
                retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
            }
            .into_response(),
        },
    }
}

/// A 201 without `Idempotent-Replayed`: a tip stored by this very request.
fn stored_a_new_tip(response: &Response) -> bool {
    response.status() == StatusCode::CREATED
        && !response.headers().contains_key(crate::extract::REPLAYED)
}

/// Whether the request's `Idempotency-Key` belongs to a tip already stored.
async fn already_stored(state: &AppState, headers: &HeaderMap) -> Result<bool, StoreError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .and_then(|text| text.parse::<lantern_tip::IdempotencyKey>().ok());
    let Some(key) = key else {
        return Ok(false);
    };
    let hash = stored_forms::idempotency_hash(state.store.hash_key(), &key);
    state.store.has_idempotency_hash(&hash).await
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: RateLimit = RateLimit {
        per_minute: 60,
        burst: 3,
    };

    #[test]
    fn a_burst_is_allowed_then_the_client_waits() {
        let limiter = RateLimiter::new(LIMIT, 1);
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check(ip, t0, 1).is_ok());
        }
        let wait = limiter.check(ip, t0, 1).unwrap_err();
        assert!(wait > Duration::from_millis(900) && wait <= Duration::from_secs(1));
        assert!(limiter.check(ip, t0 + Duration::from_secs(1), 1).is_ok());
    }

    #[test]
    fn clients_do_not_share_buckets() {
        let limiter = RateLimiter::new(LIMIT, 1);
        let t0 = Instant::now();
        for _ in 0..3 {
            limiter.check("192.0.2.1".parse().unwrap(), t0, 1).unwrap();
        }
        assert!(limiter.check("192.0.2.2".parse().unwrap(), t0, 1).is_ok());
    }

    #[test]
    fn ipv6_addresses_in_one_slash_64_share_a_bucket() {
        let limiter = RateLimiter::new(LIMIT, 1);
        let t0 = Instant::now();
        for host in 1..=3 {
            let ip: IpAddr = format!("2001:db8::{host}").parse().unwrap();
            limiter.check(ip, t0, 1).unwrap();
        }
        assert!(limiter
            .check("2001:db8::99".parse().unwrap(), t0, 1)
            .is_err());
        assert!(limiter
            .check("2001:db8:0:1::1".parse().unwrap(), t0, 1)
            .is_ok());
    }

    #[test]
    fn a_new_day_rotates_the_key_and_forgets_every_bucket() {
        let limiter = RateLimiter::new(LIMIT, 1);
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            limiter.check(ip, t0, 1).unwrap();
        }
        let key_before = limiter.state.lock().unwrap().key;
        assert!(limiter.check(ip, t0, 2).is_ok());
        assert_eq!(limiter.tracked(), 1);
        assert_ne!(limiter.state.lock().unwrap().key, key_before);
    }

    #[test]
    fn a_refund_gives_the_token_back_but_never_above_the_burst() {
        let limiter = RateLimiter::new(LIMIT, 1);
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let t0 = Instant::now();
        let tickets: Vec<Ticket> = (0..3).map(|_| limiter.check(ip, t0, 1).unwrap()).collect();
        assert!(limiter.check(ip, t0, 1).is_err());
        for ticket in tickets {
            limiter.refund(ticket);
        }
        for _ in 0..3 {
            assert!(limiter.check(ip, t0, 1).is_ok());
        }
        assert!(limiter.check(ip, t0, 1).is_err());
        // A refund from before the day's rotation does not reach the new bucket.
        let stale = Ticket {
            id: client_id(&limiter.lock().key, ip),
            key_day: 0,
        };
        limiter.refund(stale);
        assert!(limiter.check(ip, t0, 1).is_err());
    }

    #[test]
    fn a_full_table_drops_exactly_the_least_recently_seen_client() {
        const CAP: usize = 1_000;
        let limiter = RateLimiter::with_capacity(LIMIT, 1, CAP);
        let t0 = Instant::now();
        let client = |n: usize| IpAddr::from([10, (n >> 16) as u8, (n >> 8) as u8, n as u8]);
        for n in 0..CAP {
            limiter.check(client(n), t0, 1).unwrap();
        }
        // Client 0 is seen again: client 1 is now the least recently seen.
        limiter.check(client(0), t0, 1).unwrap();
        let before: Vec<[u8; 16]> = limiter.lock().buckets.keys().copied().collect();
        assert_eq!(before.len(), CAP);

        // Every bucket here is full again an hour later (the old scan would
        // have dropped them all); a new client costs one eviction, no more.
        let later = t0 + Duration::from_secs(3_600);
        limiter.check(client(CAP), later, 1).unwrap();
        let after: Vec<[u8; 16]> = limiter.lock().buckets.keys().copied().collect();
        assert_eq!(after.len(), CAP);
        let key = limiter.lock().key;
        let gone: Vec<&[u8; 16]> = before.iter().filter(|id| !after.contains(id)).collect();
        assert_eq!(gone, [&client_id(&key, client(1))]);
        // The others kept their place in line; the newcomer is last.
        assert_eq!(&after[..CAP - 1], &before[1..]);
        assert_eq!(after[CAP - 1], client_id(&key, client(CAP)));
    }

    #[test]
    fn bucket_ids_do_not_contain_the_address() {
        let key = random_key();
        let id = client_id(&key, "192.0.2.7".parse().unwrap());
        assert!(!id.windows(4).any(|w| w == [192, 0, 2, 7]));
        assert_ne!(id, client_id(&random_key(), "192.0.2.7".parse().unwrap()));
    }
}
