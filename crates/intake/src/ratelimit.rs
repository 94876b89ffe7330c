//! Rate limiting without remembering who anyone is.
//!
//! A client is known only as an HMAC of its address under a random key that
//! lives in memory and is replaced every UTC day; the buckets are dropped with
//! the old key. Nothing here is ever written anywhere, so even a memory dump
//! taken tomorrow cannot link today's buckets to an address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// How many distinct clients are tracked before full buckets are dropped: a
/// flood of spoofed-looking sources cannot grow memory without bound.
const MAX_TRACKED_CLIENTS: usize = 100_000;

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
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    key: [u8; 32],
    key_day: i64,
    buckets: HashMap<[u8; 16], Bucket>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

fn random_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    key
}

impl RateLimiter {
    /// A limiter with a fresh random key for `today` (days since the epoch).
    pub fn new(limit: RateLimit, today: i64) -> Self {
        Self {
            limit,
            state: Mutex::new(State {
                key: random_key(),
                key_day: today,
                buckets: HashMap::new(),
            }),
        }
    }

    /// Takes one token for `client`, or says how long until one is free.
    pub fn check(&self, client: IpAddr, now: Instant, today: i64) -> Result<(), Duration> {
        let capacity = f64::from(self.limit.burst.max(1));
        let per_second = f64::from(self.limit.per_minute.max(1)) / 60.0;
        let mut state = match self.state.lock() {
            Ok(state) => state,
            // A panic while holding the lock left at worst a stale bucket.
            Err(poisoned) => poisoned.into_inner(),
        };
        if state.key_day != today {
            // Rotation: the old key and every bucket made with it go away.
            state.key = random_key();
            state.key_day = today;
            state.buckets.clear();
        }
        let id = client_id(&state.key, client);
        if state.buckets.len() >= MAX_TRACKED_CLIENTS && !state.buckets.contains_key(&id) {
            state.buckets.retain(|_, bucket| {
                let refilled = bucket.tokens
                    + now.saturating_duration_since(bucket.updated).as_secs_f64() * per_second;
                refilled < capacity
            });
        }
        let bucket = state.buckets.entry(id).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }

    /// How many clients are tracked now (for tests of rotation and bounds).
    pub fn tracked(&self) -> usize {
        match self.state.lock() {
            Ok(state) => state.buckets.len(),
            Err(poisoned) => poisoned.into_inner().buckets.len(),
        }
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
    fn bucket_ids_do_not_contain_the_address() {
        let key = random_key();
        let id = client_id(&key, "192.0.2.7".parse().unwrap());
        assert!(!id.windows(4).any(|w| w == [192, 0, 2, 7]));
        assert_ne!(id, client_id(&random_key(), "192.0.2.7".parse().unwrap()));
    }
}
