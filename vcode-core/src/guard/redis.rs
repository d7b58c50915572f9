//! The guard's store in Redis: each check-and-reserve is one Lua script, atomic across every
//! process that shares the Redis, on Redis's own clock.

use std::fmt;
use std::time::Duration;

use redis::aio::ConnectionManager;

use super::{GuardLimit, GuardStore, Reservation, StoreError, StoreFuture, Verdict};

/// KEYS[1]: the recipient's sorted set ('' when none); KEYS[2]: the rate key ('' when none).
/// ARGV: reservation id, rule count, (window ms, max) per rule, GCRA interval and tolerance in
/// µs. Times are milliseconds of Redis's clock (Lua prints at most 14 digits exactly).
/// Returns {1, 0} when reserved, {0, wait ms, limit (1 recipient, 2 rate)} when refused.
const RESERVE: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id = ARGV[1]
local n = tonumber(ARGV[2])
local wait, limit = 0, 0
local longest = 0
for i = 0, n - 1 do
  local window = tonumber(ARGV[3 + 2 * i])
  if window > longest then longest = window end
end
if KEYS[1] ~= '' then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
  for i = 0, n - 1 do
    local window = tonumber(ARGV[3 + 2 * i])
    local max = tonumber(ARGV[4 + 2 * i])
    local count = redis.call('ZCOUNT', KEYS[1], '(' .. (now - window), '+inf')
    if count >= max then
      local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf',
        'WITHSCORES', 'LIMIT', count - max, 1)
      local w = tonumber(oldest[2]) + window - now
      if w > wait then wait, limit = w, 1 end
    end
  end
end
local p = 3 + 2 * n
local interval = tonumber(ARGV[p]) / 1000
local tolerance = tonumber(ARGV[p + 1]) / 1000
local new_tat = nil
if KEYS[2] ~= '' and interval > 0 then
  local tat = tonumber(redis.call('GET', KEYS[2]) or now)
  if tat < now then tat = now end
  local allowed = tat - tolerance
  if now < allowed then
    if allowed - now > wait then wait, limit = allowed - now, 2 end
  else
    new_tat = tat + interval
  end
end
if wait > 0 then return {0, math.ceil(wait), limit} end
if KEYS[1] ~= '' then
  redis.call('ZADD', KEYS[1], now, id)
  redis.call('PEXPIRE', KEYS[1], longest + 1000)
end
if new_tat then
  redis.call('SET', KEYS[2], new_tat, 'PX', math.ceil(new_tat - now + tolerance) + 1000)
end
return {1, 0}
";

/// Gives a reservation back: removes it from the recipient's set and moves the rate's
/// schedule back by one interval. ARGV: id, interval µs.
const RELEASE: &str = r"
if KEYS[1] ~= '' then redis.call('ZREM', KEYS[1], ARGV[1]) end
if KEYS[2] ~= '' then
  local tat = redis.call('GET', KEYS[2])
  local ttl = redis.call('PTTL', KEYS[2])
  if tat and ttl > 0 then
    redis.call('SET', KEYS[2], tonumber(tat) - tonumber(ARGV[2]) / 1000, 'PX', ttl)
  end
end
return 1
";

/// Reservations in Redis, shared by a fleet: one round trip (a Lua script) per send, keys that
/// expire by themselves, a reconnecting connection.
#[derive(Clone)]
pub struct RedisStore {
    connection: ConnectionManager,
    reserve: redis::Script,
    release: redis::Script,
    timeout: Duration,
}

impl fmt::Debug for RedisStore {
    // The connection holds the URL, which may hold a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisStore")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl RedisStore {
    /// Connects to `url` (`redis://host:port/db`, `rediss://` for TLS is not enabled).
    ///
    /// # Errors
    /// The URL is invalid or the server cannot be reached.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(|e| store_error(&e))?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Duration::from_secs(1))
            .set_response_timeout(Duration::from_secs(1))
            .set_number_of_retries(1);
        let connection = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(|e| store_error(&e))?;
        Ok(Self {
            connection,
            reserve: redis::Script::new(RESERVE),
            release: redis::Script::new(RELEASE),
            timeout: Duration::from_secs(1),
        })
    }

    /// The longest wait for Redis per check (default 1 s); past it the store counts as
    /// unreachable.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

/// Redis's error, without the URL (which may hold a password).
fn store_error(e: &redis::RedisError) -> StoreError {
    StoreError(format!("redis: {:?}", e.kind()))
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

impl GuardStore for RedisStore {
    fn reserve<'a>(&'a self, reservation: &'a Reservation) -> StoreFuture<'a, Verdict> {
        Box::pin(async move {
            let mut invocation = self.reserve.prepare_invoke();
            invocation
                .key(reservation.recipient_key.as_deref().unwrap_or(""))
                .key(reservation.rate.as_ref().map_or("", |r| r.key.as_str()))
                .arg(&reservation.id)
                .arg(reservation.rules.len());
            for rule in reservation.rules {
                invocation
                    .arg(u64::try_from(rule.window.as_millis()).unwrap_or(u64::MAX))
                    .arg(rule.max);
            }
            let (interval, tolerance) = reservation
                .rate
                .as_ref()
                .map_or((0, 0), |r| (micros(r.interval), micros(r.tolerance())));
            invocation.arg(interval).arg(tolerance);
            let mut connection = self.connection.clone();
            let answer: Vec<u64> =
                tokio::time::timeout(self.timeout, invocation.invoke_async(&mut connection))
                    .await
                    .map_err(|_| StoreError("redis: timed out".to_owned()))?
                    .map_err(|e| store_error(&e))?;
            match answer.as_slice() {
                [1, ..] => Ok(Verdict::Reserved),
                [0, wait_ms, limit] => Ok(Verdict::Refused {
                    limit: if *limit == 2 {
                        GuardLimit::Rate
                    } else {
                        GuardLimit::Recipient
                    },
                    retry_after: Duration::from_millis(*wait_ms),
                }),
                _ => Err(StoreError("redis: unexpected script answer".to_owned())),
            }
        })
    }

    fn release<'a>(&'a self, reservation: &'a Reservation) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let mut invocation = self.release.prepare_invoke();
            invocation
                .key(reservation.recipient_key.as_deref().unwrap_or(""))
                .key(reservation.rate.as_ref().map_or("", |r| r.key.as_str()))
                .arg(&reservation.id)
                .arg(reservation.rate.as_ref().map_or(0, |r| micros(r.interval)));
            let mut connection = self.connection.clone();
            let _: i64 =
                tokio::time::timeout(self.timeout, invocation.invoke_async(&mut connection))
                    .await
                    .map_err(|_| StoreError("redis: timed out".to_owned()))?
                    .map_err(|e| store_error(&e))?;
            Ok(())
        })
    }
}
