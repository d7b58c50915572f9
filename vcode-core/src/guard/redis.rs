//! The guard's store in Redis: each check-and-reserve is one Lua script, atomic across every
//! process that shares the Redis, on Redis's own clock.

use std::fmt;
use std::time::Duration;

use std::sync::Arc;

use redis::aio::ConnectionManager;
use redis::cluster::{ClusterClient, ClusterClientBuilder};
use redis::cluster_async::ClusterConnection;
use tokio::sync::OnceCell;

use super::{
    GuardLimit, GuardStore, Reservation, StoreError, StoreErrorKind, StoreFuture, Verdict,
};

/// KEYS: the recipient's sorted set when ARGV[1] is '1', then the rate key when ARGV[2] is '1'
/// (only keys that exist are named, so a cluster sees keys of one slot). ARGV from 3:
/// reservation id, rule count, (window ms, max) per rule, GCRA interval and tolerance in µs.
/// Times are milliseconds of Redis's clock (Lua prints at most 14 digits exactly).
/// Returns {1, 0} when reserved (also when the id is already in the recipient's set: an
/// earlier ask whose answer was lost), {0, wait ms, limit (1 recipient, 2 rate)} when refused.
const RESERVE: &str = r"
local recipient, rate = nil, nil
local k = 1
if ARGV[1] == '1' then recipient, k = KEYS[1], 2 end
if ARGV[2] == '1' then rate = KEYS[k] end
if recipient and redis.call('ZSCORE', recipient, ARGV[3]) then return {1, 0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id = ARGV[3]
local n = tonumber(ARGV[4])
local wait, limit = 0, 0
local longest = 0
for i = 0, n - 1 do
  local window = tonumber(ARGV[5 + 2 * i])
  if window > longest then longest = window end
end
if recipient then
  redis.call('ZREMRANGEBYSCORE', recipient, '-inf', now - longest)
  for i = 0, n - 1 do
    local window = tonumber(ARGV[5 + 2 * i])
    local max = tonumber(ARGV[6 + 2 * i])
    local count = redis.call('ZCOUNT', recipient, '(' .. (now - window), '+inf')
    if count >= max then
      local oldest = redis.call('ZRANGEBYSCORE', recipient, '(' .. (now - window), '+inf',
        'WITHSCORES', 'LIMIT', count - max, 1)
      local w = tonumber(oldest[2]) + window - now
      if w > wait then wait, limit = w, 1 end
    end
  end
end
local p = 5 + 2 * n
local interval = tonumber(ARGV[p]) / 1000
local tolerance = tonumber(ARGV[p + 1]) / 1000
local new_tat = nil
if rate and interval > 0 then
  local tat = tonumber(redis.call('GET', rate) or now)
  if tat < now then tat = now end
  local allowed = tat - tolerance
  if now < allowed then
    if allowed - now > wait then wait, limit = allowed - now, 2 end
  else
    new_tat = tat + interval
  end
end
if wait > 0 then return {0, math.ceil(wait), limit} end
if recipient then
  redis.call('ZADD', recipient, now, id)
  redis.call('PEXPIRE', recipient, longest + 1000)
end
if new_tat then
  redis.call('SET', rate, new_tat, 'PX', math.ceil(new_tat - now + tolerance) + 1000)
end
return {1, 0}
";

/// Gives a reservation back: removes its id from the recipient's set and moves the rate's
/// schedule back by one interval, when the reservation was confirmed (ARGV[5] '1') or its id
/// was found (both were recorded by one script). KEYS and ARGV[1..2] as in [`RESERVE`];
/// ARGV[3]: id, ARGV[4]: interval µs.
const RELEASE: &str = r"
local recipient, rate = nil, nil
local k = 1
if ARGV[1] == '1' then recipient, k = KEYS[1], 2 end
if ARGV[2] == '1' then rate = KEYS[k] end
local found = 0
if recipient then found = redis.call('ZREM', recipient, ARGV[3]) end
if rate and (ARGV[5] == '1' or found == 1) then
  local tat = redis.call('GET', rate)
  local ttl = redis.call('PTTL', rate)
  if tat and ttl > 0 then
    redis.call('SET', rate, tonumber(tat) - tonumber(ARGV[4]) / 1000, 'PX', ttl)
  end
end
return 1
";

/// Reservations in Redis, shared by a fleet: one round trip (a Lua script) per send, keys that
/// expire by themselves, on a single node or a Redis Cluster.
///
/// Nothing is connected when the store is made: the first check connects, and a check that
/// finds Redis down fails (and the guard's [`FailureMode`](super::FailureMode) applies) until
/// one connects; a broken connection is replaced, and a check that found it broken is asked
/// once more on the new one (safe: a check is recorded once per reservation id).
///
/// What the guard's promise needs from Redis: the cooldowns live in Redis's memory, so a
/// Redis restarted without persistence (or a replica promoted before it received the last
/// writes) forgets them, and a second code can go to a phone that just had one. Run it with
/// `appendonly yes` and `appendfsync always` (or accept that window), and point every process
/// of a fleet at the same Redis or cluster. Tested against `redis-server` 7, single node and a
/// three-master cluster; Valkey speaks the same protocol but is not tested here.
#[derive(Clone)]
pub struct RedisStore {
    inner: Arc<Inner>,
    timeout: Duration,
}

struct Inner {
    target: Target,
    /// Set by the first check that connects; empty while none has.
    connection: OnceCell<Connection>,
    reserve: redis::Script,
    release: redis::Script,
}

/// Where to connect.
enum Target {
    Node(redis::Client),
    Cluster(ClusterClient),
}

/// A single node's reconnecting connection or a cluster's slot-routing one.
#[derive(Clone)]
enum Connection {
    Node(ConnectionManager),
    Cluster(ClusterConnection),
}

impl fmt::Debug for RedisStore {
    // The target holds the URL, which may hold a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.inner.target {
            Target::Node(_) => "node",
            Target::Cluster(_) => "cluster",
        };
        f.debug_struct("RedisStore")
            .field("kind", &kind)
            .field("connected", &self.inner.connection.initialized())
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// The wait for a connection when connecting.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

impl RedisStore {
    /// A store on one node at `url` (`redis://[:password@]host:port/db`; `rediss://` for TLS
    /// is not enabled), connected by the first check. For a Redis Cluster, use
    /// [`open_cluster`](Self::open_cluster).
    ///
    /// # Errors
    /// The URL is invalid ([`StoreErrorKind::Invalid`]).
    pub fn open(url: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(|e| invalid(&e))?;
        Ok(Self::with_target(Target::Node(client)))
    }

    /// A store on a Redis Cluster reached through any of its nodes (`redis://host:port` each;
    /// the rest of the cluster is discovered by the first check). Every key one check touches
    /// shares a hash slot, so each check is still one atomic script on one master.
    ///
    /// # Errors
    /// No node is given, or a URL is invalid ([`StoreErrorKind::Invalid`]).
    pub fn open_cluster<I, S>(nodes: I) -> Result<Self, StoreError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let nodes: Vec<String> = nodes
            .into_iter()
            .map(|node| node.as_ref().to_owned())
            .collect();
        if nodes.is_empty() {
            return Err(StoreError::new(
                StoreErrorKind::Invalid,
                "redis: a cluster needs at least one node",
            ));
        }
        let client = ClusterClientBuilder::new(nodes)
            .connection_timeout(CONNECT_TIMEOUT)
            .retries(1)
            .build()
            .map_err(|e| invalid(&e))?;
        Ok(Self::with_target(Target::Cluster(client)))
    }

    fn with_target(target: Target) -> Self {
        Self {
            inner: Arc::new(Inner {
                target,
                connection: OnceCell::new(),
                reserve: redis::Script::new(RESERVE),
                release: redis::Script::new(RELEASE),
            }),
            timeout: Duration::from_secs(1),
        }
    }

    /// The longest wait for Redis per check, connecting included (default 1 s); past it the
    /// check fails as [`StoreErrorKind::TimedOut`].
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The connection, made by the first caller that finds none (a failed attempt leaves it
    /// to the next check).
    async fn connection(&self) -> Result<Connection, redis::RedisError> {
        let connection = self
            .inner
            .connection
            .get_or_try_init(|| async {
                Ok::<_, redis::RedisError>(match &self.inner.target {
                    Target::Node(client) => {
                        // No retry inside the connect (its back-off waits a second): the
                        // next check connects again.
                        let config = redis::aio::ConnectionManagerConfig::new()
                            .set_connection_timeout(CONNECT_TIMEOUT)
                            .set_number_of_retries(0);
                        Connection::Node(
                            ConnectionManager::new_with_config(client.clone(), config).await?,
                        )
                    }
                    Target::Cluster(client) => {
                        Connection::Cluster(client.get_async_connection().await?)
                    }
                })
            })
            .await?;
        Ok(connection.clone())
    }

    /// Runs the script once on the connection.
    async fn invoke_once<T: redis::FromRedisValue>(
        &self,
        invocation: &redis::ScriptInvocation<'_>,
    ) -> Result<T, redis::RedisError> {
        match self.connection().await? {
            Connection::Node(mut connection) => invocation.invoke_async(&mut connection).await,
            Connection::Cluster(mut connection) => invocation.invoke_async(&mut connection).await,
        }
    }

    /// Runs `invocation` within the store's timeout; asked once more after a broken
    /// connection (the scripts record and remove by reservation id, so a repeat is harmless).
    async fn invoke<T: redis::FromRedisValue>(
        &self,
        invocation: &redis::ScriptInvocation<'_>,
    ) -> Result<T, StoreError> {
        let answer = tokio::time::timeout(self.timeout, async {
            match self.invoke_once(invocation).await {
                Err(e) if e.is_connection_dropped() || e.is_unrecoverable_error() => {
                    self.invoke_once(invocation).await
                }
                answer => answer,
            }
        })
        .await;
        match answer {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(store_error(&e)),
            Err(_) => Err(StoreError::new(
                StoreErrorKind::TimedOut,
                format!(
                    "redis gave no answer within {} ms",
                    self.timeout.as_millis()
                ),
            )),
        }
    }

    /// The release script; `confirmed` says the store answered reserved.
    async fn release_as(
        &self,
        reservation: &Reservation,
        confirmed: bool,
    ) -> Result<(), StoreError> {
        let mut invocation = self.inner.release.prepare_invoke();
        keys(&mut invocation, reservation);
        invocation
            .arg(&reservation.id)
            .arg(reservation.rate.as_ref().map_or(0, |r| micros(r.interval)))
            .arg(if confirmed { "1" } else { "0" });
        let _: i64 = self.invoke(&invocation).await?;
        Ok(())
    }
}

/// Redis's error as a store error, without the URL (which may hold a password).
fn store_error(e: &redis::RedisError) -> StoreError {
    if e.is_connection_refusal() {
        StoreError::new(StoreErrorKind::Unreachable, "redis refused the connection")
    } else if e.is_timeout() {
        StoreError::new(StoreErrorKind::TimedOut, "redis timed out")
    } else if e.is_connection_dropped() {
        StoreError::new(StoreErrorKind::Failed, "the connection to redis broke")
    } else {
        StoreError::new(StoreErrorKind::Failed, format!("redis: {:?}", e.kind()))
    }
}

/// A URL or cluster setting redis refused.
fn invalid(e: &redis::RedisError) -> StoreError {
    StoreError::new(StoreErrorKind::Invalid, format!("redis: {:?}", e.kind()))
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// Names the reservation's keys (only those it has) and the two flags that say which.
fn keys<'a>(invocation: &mut redis::ScriptInvocation<'a>, reservation: &Reservation) {
    let recipient = reservation.recipient_key.as_deref();
    let rate = reservation.rate.as_ref().map(|r| r.key.as_str());
    if let Some(key) = recipient {
        invocation.key(key);
    }
    if let Some(key) = rate {
        invocation.key(key);
    }
    invocation
        .arg(if recipient.is_some() { "1" } else { "0" })
        .arg(if rate.is_some() { "1" } else { "0" });
}

impl GuardStore for RedisStore {
    fn reserve<'a>(&'a self, reservation: &'a Reservation) -> StoreFuture<'a, Verdict> {
        Box::pin(async move {
            let mut invocation = self.inner.reserve.prepare_invoke();
            keys(&mut invocation, reservation);
            invocation.arg(&reservation.id).arg(reservation.rules.len());
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
            let answer: Vec<u64> = self.invoke(&invocation).await?;
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
                _ => Err(StoreError::new(
                    StoreErrorKind::Failed,
                    "redis: unexpected script answer",
                )),
            }
        })
    }

    fn release<'a>(&'a self, reservation: &'a Reservation) -> StoreFuture<'a, ()> {
        Box::pin(self.release_as(reservation, true))
    }

    fn release_unconfirmed<'a>(&'a self, reservation: &'a Reservation) -> StoreFuture<'a, ()> {
        Box::pin(self.release_as(reservation, false))
    }
}
